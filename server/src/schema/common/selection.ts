// Which fields an operation selected below a network field (through fragments too), so the repository reads only those.
import type { FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * The names of the fields selected inside the object field at `path` below the resolved field (e.g.
 * ['nodes', 'attributes', 'scores']), following inline fragments and fragment spreads; aliases are ignored.
 * @skip/@include are not evaluated: a conditionally selected field counts as selected (the read is then
 * wasted, never missing). Null when the path is not selected.
 */
export function selectedFields(
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>,
  path: readonly string[],
): Set<string> | null {
  let sets: SelectionSetNode[] = info.fieldNodes.flatMap((f) => (f.selectionSet ? [f.selectionSet] : []));
  for (const name of path) {
    const next: SelectionSetNode[] = [];
    for (const field of fieldsOf(sets, info.fragments)) {
      if (field.name === name && field.selectionSet) next.push(field.selectionSet);
    }
    if (next.length === 0) return null;
    sets = next;
  }
  return new Set(fieldsOf(sets, info.fragments).map((f) => f.name));
}

function fieldsOf(
  sets: readonly SelectionSetNode[],
  fragments: Record<string, FragmentDefinitionNode>,
  seen: Set<string> = new Set(),
): Array<{ name: string; selectionSet: SelectionSetNode | undefined }> {
  const out: Array<{ name: string; selectionSet: SelectionSetNode | undefined }> = [];
  for (const set of sets) {
    for (const selection of set.selections) {
      if (selection.kind === 'Field') out.push({ name: selection.name.value, selectionSet: selection.selectionSet });
      else if (selection.kind === 'InlineFragment') out.push(...fieldsOf([selection.selectionSet], fragments, seen));
      else {
        const name = selection.name.value;
        const fragment = fragments[name];
        if (fragment === undefined || seen.has(name)) continue;
        seen.add(name);
        out.push(...fieldsOf([fragment.selectionSet], fragments, seen));
      }
    }
  }
  return out;
}
