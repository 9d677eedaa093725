import { provinceStep as makeProvinceStep } from '../../shared/province.ts';
import { repickUnion } from './workplace.ts';

/**
 * The workplace province decides where the search for a grassroots union looks and which
 * federation decides when there is none. Old (pre-2025) names are accepted and mapped.
 */
export const provinceStep = makeProvinceStep({ help: 'province.help', renamed: true, after: (_value, ctx) => repickUnion(ctx) });
