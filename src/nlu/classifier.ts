import { featurize, type FeatureVector } from './features.ts';
import { seededRandom } from '../util/random.ts';

export interface LabeledText {
  /** already normalized (normalizeForNlu) */
  text: string;
  intent: string;
}

/** a sparse vector in the model's feature index: typed arrays keep the SGD loop fast */
interface Encoded {
  idx: Int32Array;
  val: Float64Array;
}

export interface Ranked {
  name: string;
  confidence: number;
}

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
  /** deterministic shuffling: the same examples always give the same model */
  seed?: number;
}


/**
 * Multinomial logistic regression over sparse n-gram features, trained by SGD with AdaGrad
 * step sizes and L2 decay. Chosen over naive Bayes because its probabilities are usable as a
 * confidence (naive Bayes on overlapping n-grams is wildly over-confident, and the router's
 * "ask when unsure" depends on the confidence), and over an embedding model because nothing may
 * be downloaded and a few hundred examples of accent-less Vietnamese are what we have.
 */
export class IntentClassifier {
  private readonly index = new Map<string, number>();
  private weights: Float64Array[] = [];
  private constructor(readonly intents: readonly string[]) {}

  static train(examples: readonly LabeledText[], opts: TrainOptions = {}): IntentClassifier {
    const intents = [...new Set(examples.map((e) => e.intent))].sort();
    const model = new IntentClassifier(intents);
    const data = examples.map((e) => ({ x: model.encode(featurize(e.text), true), y: intents.indexOf(e.intent) }));
    const dim = model.index.size;
    const k = intents.length;
    model.weights = intents.map(() => new Float64Array(dim));
    const g2 = intents.map(() => new Float64Array(dim).fill(1e-8));
    const epochs = opts.epochs ?? 20;
    const lr = opts.learningRate ?? 0.5;
    const l2 = opts.l2 ?? 1e-4;
    const random = seededRandom(opts.seed ?? 7);
    const order = data.map((_, i) => i);
    const probs = new Float64Array(k);
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (const idx of order) {
        const { x, y } = data[idx]!;
        model.scoresInto(x, probs);
        for (let c = 0; c < k; c++) {
          const err = probs[c]! - (c === y ? 1 : 0);
          const w = model.weights[c]!;
          const g = g2[c]!;
          for (let j = 0; j < x.idx.length; j++) {
            const f = x.idx[j]!;
            const grad = err * x.val[j]! + l2 * w[f]!;
            g[f]! += grad * grad;
            w[f]! -= (lr * grad) / Math.sqrt(g[f]!);
          }
        }
      }
    }
    return model;
  }

  private encode(features: FeatureVector, grow: boolean): Encoded {
    const idx: number[] = [];
    const val: number[] = [];
    for (const [name, v] of features) {
      let i = this.index.get(name);
      if (i === undefined && grow) {
        i = this.index.size;
        this.index.set(name, i);
      }
      if (i !== undefined) {
        idx.push(i);
        val.push(v);
      }
    }
    return { idx: Int32Array.from(idx), val: Float64Array.from(val) };
  }

  private scoresInto(x: Encoded, out: Float64Array): void {
    let max = -Infinity;
    for (let c = 0; c < this.intents.length; c++) {
      const w = this.weights[c]!;
      let s = 0;
      for (let j = 0; j < x.idx.length; j++) s += w[x.idx[j]!]! * x.val[j]!;
      out[c] = s;
      if (s > max) max = s;
    }
    let sum = 0;
    for (let c = 0; c < this.intents.length; c++) {
      out[c] = Math.exp(out[c]! - max);
      sum += out[c]!;
    }
    for (let c = 0; c < this.intents.length; c++) out[c]! /= sum;
  }

  /** Every intent with its probability, most likely first. */
  rank(normalized: string): Ranked[] {
    const probs = new Float64Array(this.intents.length);
    this.scoresInto(this.encode(featurize(normalized), false), probs);
    return this.intents
      .map((name, i) => ({ name, confidence: probs[i]! }))
      .sort((a, b) => b.confidence - a.confidence);
  }
}
