/** A numeric `--name value` option of a measuring script, or `def` when it is not given. */
export function numberOption(args: readonly string[], name: string, def: number): number {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : def
}
