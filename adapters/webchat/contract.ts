/**
 * Web chat's side of the channel contract. Its "platform" is our own Direct Line endpoint: the
 * signature is the conversation token, a "call" is an activity appended to the transcript that
 * Web Chat reads, and nothing can fail on the far side (no platform failures to classify).
 */
import type { ChannelContract, ContractHarness, PlatformCall, WebhookRequest } from '../../src/channels/contract.ts';
import { createWebchatAdapter } from './index.ts';
import { ActivityStore } from './store.ts';
import { TokenService } from './token.ts';

const SITE = 'contract-site';

export const webchatContract: ChannelContract = {
  channel: 'webchat',
  async start(deps) {
    const adapter = createWebchatAdapter({
      sql: deps.sql,
      notifier: deps.notifier,
      sink: deps.sink,
      keyring: deps.keyring,
      log: deps.log,
      siteId: SITE,
      tokenTtlSeconds: 3600,
      now: deps.now,
      sealTranscript: true,
    });
    const tokens = new TokenService(deps.keyring, SITE, deps.now);
    const store = new ActivityStore(deps.sql, SITE, deps.keyring);
    const conv = (user: string) => `conv-${user}`;
    const token = (user: string, conversation = conv(user)) => tokens.mint('directline', conversation, `dl_${user}`, 3600).token;
    const post = (user: string, activity: Record<string, unknown>, bearer = token(user)): WebhookRequest => ({
      method: 'POST',
      url: `/directline/conversations/${conv(user)}/activities`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify(activity),
    });
    let recorded: PlatformCall[] = [];

    const harness: ContractHarness = {
      adapter: {
        ...adapter,
        channel: adapter.channel,
        capabilities: adapter.capabilities,
        routes: adapter.routes,
        async send(req) {
          // The transcript is what Web Chat shows: the rows a send appends are its platform calls.
          const before = (await store.after(req.conversationId, 0n, 100_000)).at(-1)?.seq ?? 0n;
          const res = await adapter.send(req);
          for (const row of await store.after(req.conversationId, before, 1000)) {
            if ((row.activity.from as { role?: string } | undefined)?.role !== 'bot') continue;
            recorded.push({ method: 'APPEND', path: `/transcript/${req.externalId}`, headers: {}, body: row.activity });
          }
          return res;
        },
      },
      inbound: [
        {
          name: 'typed text',
          request: post('alice', { type: 'message', text: 'toi muon dang ky', channelData: { clientActivityID: 'c-1' } }),
          events: [{ kind: 'text', text: 'toi muon dang ky', accountId: SITE, conversationExternalId: 'conv-alice', platformUserId: 'dl_alice', dedupeKey: `webchat:${SITE}:conv-alice:c-1` }],
        },
        {
          name: 'tap on a suggested action (messageBack)',
          request: post('alice', {
            type: 'message',
            text: 'Đồng ý',
            value: 'consent:yes',
            channelData: { clientActivityID: 'c-2', messageBack: { displayText: 'Đồng ý' } },
          }),
          events: [{ kind: 'choice', choiceKey: 'consent:yes' }],
        },
        {
          name: 'page opened (webchat/join)',
          request: post('bob', { type: 'event', name: 'webchat/join', channelData: { clientActivityID: 'j-1' } }),
          events: [{ kind: 'start', dedupeKey: `webchat:${SITE}:conv-bob:join` }],
        },
      ],
      rejected: [
        { name: 'no token', request: { ...post('alice', { type: 'message', text: 'hi' }), headers: { 'content-type': 'application/json' } } },
        { name: 'forged token', request: post('alice', { type: 'message', text: 'hi' }, `${token('alice').slice(0, -4)}AAAA`) },
        { name: 'token of another conversation', request: post('alice', { type: 'message', text: 'hi' }, token('mallory')) },
        { name: 'malformed JSON', request: { ...post('alice', {}), body: '{"type": "message", "text": ' } },
        { name: 'text over 4096 characters', request: post('alice', { type: 'message', text: 'a'.repeat(5000) }) },
      ],
      userMessage: (user, input, seq) =>
        input.choiceKey
          ? post(user, { type: 'message', text: input.text ?? input.choiceKey, value: input.choiceKey, channelData: { clientActivityID: `u-${seq}`, messageBack: {} } })
          : post(user, { type: 'message', text: input.text ?? input.phone ?? '', channelData: { clientActivityID: `u-${seq}` } }),
      externalIdOf: conv,
      calls: () => recorded,
      reset() {
        recorded = [];
      },
      failNext() {
        throw new Error('web chat has no remote platform that can fail');
      },
      expected: {},
      seen: (calls) =>
        calls.flatMap((c) => {
          const a = c.body as { text?: string; suggestedActions?: { actions: Array<{ title: string }> }; attachments?: Array<{ content?: { title?: string } }> };
          const buttons = a.suggestedActions?.actions.map((x) => `[${x.title}]`).join(' ');
          const cards = a.attachments?.map((x) => x.content?.title).filter(Boolean).join('\n');
          return [[a.text, cards, buttons].filter(Boolean).join('\n')];
        }),
      offered: (call) =>
        ((call.body as { suggestedActions?: { actions: Array<{ title: string; value: string }> } }).suggestedActions?.actions ?? []).map((x) => ({
          key: x.value,
          label: x.title,
        })),
      async stop() {
        await adapter.close?.();
      },
    };
    return harness;
  },
};
