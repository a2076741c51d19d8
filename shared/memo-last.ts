/**
 * `fn` remembering its last call: the same arguments (each the same value or object) give the
 * same result without calling `fn` again. For work redone only when one of its inputs changed,
 * outside React's render (where useMemo cannot be timed).
 */
export function memoLast<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let last: { args: A; result: R } | null = null;
  return (...args: A) => {
    if (last && last.args.length === args.length && last.args.every((a, i) => Object.is(a, args[i])))
      return last.result;
    last = { args, result: fn(...args) };
    return last.result;
  };
}
