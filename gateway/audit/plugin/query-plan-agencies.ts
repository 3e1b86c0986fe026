import type { QueryPlan } from '@apollo/query-planner';

type PlanNode = NonNullable<QueryPlan['node']>;

/** Every subgraph a query plan fetches from (its Fetch nodes, however nested). */
export function agenciesOfPlan(plan: QueryPlan): string[] {
  const agencies = new Set<string>();
  const visit = (node: PlanNode | undefined): void => {
    if (!node) return;
    switch (node.kind) {
      case 'Fetch':
        agencies.add(node.serviceName);
        return;
      case 'Sequence':
      case 'Parallel':
        node.nodes.forEach(visit);
        return;
      case 'Flatten':
        visit(node.node);
        return;
      case 'Defer':
        visit(node.primary.node);
        node.deferred.forEach((deferred) => visit(deferred.node));
        return;
      case 'Condition':
        visit(node.ifClause);
        visit(node.elseClause);
        return;
      case 'Subscription':
        visit(node.primary);
        visit(node.rest);
        return;
    }
  };
  visit(plan.node);
  return [...agencies].sort();
}

/**
 * The agencies each request's plan reaches, noted by the gateway when it plans
 * (`experimental_didResolveQueryPlan`) and read by the ledger plugin when it answers. Keyed by the
 * request's context value: it is the one object both sides share. Apollo Server hands the gateway
 * a request context of its own making (`makeGatewayGraphQLRequestContext`), not the one plugins
 * see, but its `context` is the plugins' `contextValue`.
 */
export class PlannedAgencies {
  private readonly byRequest = new WeakMap<object, string[]>();

  note(contextValue: object, plan: QueryPlan): void {
    this.byRequest.set(contextValue, agenciesOfPlan(plan));
  }

  of(contextValue: object): string[] {
    return this.byRequest.get(contextValue) ?? [];
  }
}
