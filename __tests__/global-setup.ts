import { CHECKERS_BIN } from './support/checkers';

/**
 * Runs once before the test workers start, which inherit its environment: the checkers of the
 * deployed generation (scripts/fetch-checkers.sh) come first on PATH for any process a test
 * starts by name. The tests run the checkers by path (support/checkers.ts), which fails when one
 * is missing.
 */
export default function globalSetup(): void {
  if (!process.env.PATH?.startsWith(`${CHECKERS_BIN}:`)) process.env.PATH = `${CHECKERS_BIN}:${process.env.PATH ?? ''}`;
}
