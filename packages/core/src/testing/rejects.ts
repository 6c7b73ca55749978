// Test helper (not built into lib): every rejection names the argument, what was expected and what came.
import { ConvkitError } from '../errors';

/** Expects `fn` to throw a ConvkitError about `argument` whose message matches `message`. */
export function rejects(fn: () => unknown, argument: string, message: RegExp | string): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ConvkitError);
  expect((caught as ConvkitError).argument).toBe(argument);
  expect((caught as ConvkitError).message).toMatch(message);
}
