/**
 * Estimated cost of an operation, before it runs. The model, kept deliberately simple so a client can compute it:
 *
 * - a leaf field (scalar, enum) costs 0, a field with a selection set costs 1 plus what it selects;
 * - a field that takes `first`/`last` (a connection) multiplies the cost of its selection by the page size asked
 *   (the larger of the two when both are given; the argument's schema default, else `defaultPageSize`, when
 *   neither is), so nested connections multiply;
 * - a field that takes `ids` (`nodes`) fetches one object per id, so it costs 1 plus, per id, 1 plus what it
 *   selects (ids past `maxIds` count as `maxIds`: the resolver refuses more);
 * - on an interface or union, fragments for different concrete types never apply to the same object, so the cost
 *   is the dearest possible type's, not their sum.
 *
 * Variables are read from the request (falling back to their declared defaults), which is why this runs at
 * execution time and not as a cached validation rule.
 */
import {
  getOperationAST,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLAbstractType,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

const PAGE_SIZE_ARGUMENTS = ['first', 'last'];
const ID_LIST_ARGUMENT = 'ids';
/** The only arguments whose values the cost reads (so the only variables it depends on). */
export const COST_ARGUMENTS: ReadonlySet<string> = new Set([...PAGE_SIZE_ARGUMENTS, ID_LIST_ARGUMENT]);

/*
 * Types are told apart by their toStringTag, not graphql's isXType helpers: those use instanceof, which fails when
 * the schema was built by the other copy of graphql (its CommonJS and ESM builds both load under vitest).
 */
const tagOf = (type: unknown): string | undefined => (type as { [Symbol.toStringTag]?: string } | undefined)?.[Symbol.toStringTag];

function namedTypeOf(type: GraphQLOutputType): GraphQLNamedType {
  let current: unknown = type;
  while (tagOf(current) === 'GraphQLNonNull' || tagOf(current) === 'GraphQLList') current = (current as { ofType: unknown }).ofType;
  return current as GraphQLNamedType;
}

const isAbstract = (type: unknown): type is GraphQLAbstractType => tagOf(type) === 'GraphQLInterfaceType' || tagOf(type) === 'GraphQLUnionType';
const isComposite = (type: unknown): type is GraphQLCompositeType => isAbstract(type) || tagOf(type) === 'GraphQLObjectType';

export interface CostInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Readonly<Record<string, unknown>> | null;
  defaultPageSize: number;
  /**
   * The most a connection ever returns (its resolver refuses more). Larger requests are counted at this size, so
   * the client hears the resolver's precise "at most N" instead of a cost error.
   */
  maxPageSize?: number;
  /** The most ids a `nodes`-like field accepts (its resolver refuses more); larger lists are counted at this size. */
  maxIds?: number;
}

export function operationCost(input: CostInput): number {
  const operation = getOperationAST(input.document, input.operationName);
  if (!operation) return 0;
  const root = input.schema.getRootType(operation.operation);
  if (!root) return 0;

  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of input.document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) variables[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue);
  }
  Object.assign(variables, input.variables ?? {});

  const pageSize = (node: FieldNode, field: GraphQLField<unknown, unknown>): number => {
    if (!field.args.some((arg) => PAGE_SIZE_ARGUMENTS.includes(arg.name))) return 1;
    let size: number | null = null;
    for (const argument of node.arguments ?? []) {
      if (!PAGE_SIZE_ARGUMENTS.includes(argument.name.value)) continue;
      const value = valueFromASTUntyped(argument.value, variables);
      if (typeof value === 'number' && Number.isFinite(value)) size = Math.max(size ?? 0, Math.max(0, Math.trunc(value)));
    }
    if (size !== null) return Math.min(size, input.maxPageSize ?? Infinity);
    const declared = field.args.find((arg) => PAGE_SIZE_ARGUMENTS.includes(arg.name) && typeof arg.defaultValue === 'number');
    return (declared?.defaultValue as number | undefined) ?? input.defaultPageSize;
  };

  /** Ids asked of a field taking an `ids` list, or null when the field takes none. */
  const idCount = (node: FieldNode, field: GraphQLField<unknown, unknown>): number | null => {
    if (!field.args.some((arg) => arg.name === ID_LIST_ARGUMENT)) return null;
    const argument = node.arguments?.find((a) => a.name.value === ID_LIST_ARGUMENT);
    const value = argument ? valueFromASTUntyped(argument.value, variables) : null;
    // A single id coerces to a one-item list.
    const count = Array.isArray(value) ? value.length : value === null || value === undefined ? 0 : 1;
    return Math.min(count, input.maxIds ?? Infinity);
  };

  const appliesTo = (typeCondition: string | undefined, type: GraphQLObjectType): boolean => {
    if (!typeCondition || typeCondition === type.name) return true;
    const condition = input.schema.getType(typeCondition);
    return condition !== undefined && isAbstract(condition) && input.schema.isSubType(condition, type);
  };

  const fieldOf = (type: GraphQLObjectType, name: string): GraphQLField<unknown, unknown> | undefined => {
    if (name === SchemaMetaFieldDef.name && type === root) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name && type === root) return TypeMetaFieldDef;
    return type.getFields()[name];
  };

  const costOnObject = (selectionSet: SelectionSetNode, type: GraphQLObjectType, spreading: Set<string>): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = fieldOf(type, selection.name.value);
        const named = field && namedTypeOf(field.type);
        if (!field || !selection.selectionSet || !isComposite(named)) continue;
        const ids = idCount(selection, field);
        const selected = costOf(selection.selectionSet, named, spreading);
        cost += 1 + (ids === null ? pageSize(selection, field) * selected : ids * (1 + selected));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (appliesTo(selection.typeCondition?.name.value, type)) cost += costOnObject(selection.selectionSet, type, spreading);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // Validation rejects fragment cycles; the guard keeps this function total on documents it has not seen.
        if (!fragment || spreading.has(name) || !appliesTo(fragment.typeCondition.name.value, type)) continue;
        spreading.add(name);
        cost += costOnObject(fragment.selectionSet, type, spreading);
        spreading.delete(name);
      }
    }
    return cost;
  };

  const costOf = (selectionSet: SelectionSetNode, type: GraphQLCompositeType, spreading: Set<string>): number => {
    if (!isAbstract(type)) return costOnObject(selectionSet, type, spreading);
    let dearest = 0;
    for (const possible of input.schema.getPossibleTypes(type)) {
      dearest = Math.max(dearest, costOnObject(selectionSet, possible, spreading));
    }
    return dearest;
  };

  return costOnObject(operation.selectionSet, root, new Set());
}
