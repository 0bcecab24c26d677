import { ConfigError } from '../../lib/errors';
import { homelab } from '../../environments/homelab/spec';
import { validateSpec } from '../../environments/spec';
import { buildApp } from '../../app';
import { clone } from './synth';

/** The message validateSpec throws for a copy of `base` changed by `breakIt`. */
export function specError(breakIt: (spec: any) => void, base: unknown = homelab): string {
  const spec = clone(base);
  breakIt(spec);
  try {
    validateSpec(spec);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the spec was accepted');
}

/** The message buildApp throws (a ConfigError) for these specs, writing into `outdir`. */
export function appError(outdir: string, specs: readonly unknown[]): string {
  try {
    buildApp(outdir, specs);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the app was built');
}

/** Every path to a value inside a spec (object keys and array indexes). */
export function specPaths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => specPaths(v, [...prefix, i]))];
  if (value !== null && typeof value === 'object') return [prefix, ...Object.entries(value).flatMap(([k, v]) => specPaths(v, [...prefix, k]))];
  return [prefix];
}
