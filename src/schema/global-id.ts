/**
 * Global ids: base64 of `<TypeName>:<upstream id>` (Pothos' default shape), decoded strictly so that a malformed or
 * foreign id is a BAD_USER_INPUT, never an internal error.
 */
import { BadUserInputError } from '../errors.js';
import { providerDefinitions } from '../providers/registry.js';

let nodeTypes: ReadonlySet<string> | undefined;

/** The types a global id may name: each registered provider's checkout type. */
export function nodeTypeNames(): ReadonlySet<string> {
  nodeTypes ??= new Set(providerDefinitions().map((d) => d.typeName));
  return nodeTypes;
}

export function encodeGlobalId(typename: string, id: string | number | bigint): string {
  return Buffer.from(`${typename}:${id}`, 'utf8').toString('base64');
}

export function decodeGlobalId(globalId: string): { typename: string; id: string } {
  const invalid = () => new BadUserInputError(`Invalid global id: ${JSON.stringify(globalId.slice(0, 100))}`, { argument: 'id' });
  if (globalId.length === 0 || globalId.length > 512 || !/^[A-Za-z0-9+/]+={0,2}$/.test(globalId)) throw invalid();
  const text = Buffer.from(globalId, 'base64').toString('utf8');
  // Only the canonical encoding: Node's decoder forgives missing padding, stray low bits and invalid UTF-8, which would
  // let many strings name one object, and `node(id)` must answer with the very id it was asked for.
  if (Buffer.from(text, 'utf8').toString('base64') !== globalId) throw invalid();
  const colon = text.indexOf(':');
  if (colon <= 0) throw invalid();
  const typename = text.slice(0, colon);
  const id = text.slice(colon + 1);
  if (!nodeTypeNames().has(typename) || id.length === 0) throw invalid();
  return { typename, id };
}

/** `nodes(ids:)` asks one upstream lookup per id, so the list is capped (MAX_NODE_IDS). */
export function capNodeIds<T>(ids: T[], max: number): T[] {
  if (ids.length > max) {
    throw new BadUserInputError(`nodes takes at most ${max} ids, got ${ids.length}`, { argument: 'ids', maxNodeIds: max });
  }
  return ids;
}
