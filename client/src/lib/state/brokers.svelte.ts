// "Who connects A and B" as a small rune class: the two sides asked, and the brokers found (kept when the tab changes).
import { describeError, request } from '../graphql/client';
import { BrokersBetweenDocument, type BrokersBetweenQuery } from '../graphql/generated/graphql';

export type BrokerRows = BrokersBetweenQuery['brokersBetween'];

/** One side as the select holds it ("role:PARTNER", "community:<id>") → the query's variables. */
export function sideVariables(value: string, prefix: 'from' | 'to'): Record<string, string> {
  const id = value.slice(value.indexOf(':') + 1);
  return value.startsWith('role:') ? { [`${prefix}Role`]: id } : { [`${prefix}Community`]: id };
}

export class BrokersQuery {
  from = $state('role:PARTNER');
  to = $state('role:CUSTOMER');
  brokers = $state.raw<BrokerRows | null>(null);
  /** "Partners → Customers": what the shown brokers answer. */
  asked = $state('');
  busy = $state(false);
  error = $state<string | null>(null);

  /** Asks who connects `from` to `to`; returns the brokers (null on error). */
  find = async (from: string, to: string, label: string): Promise<BrokerRows | null> => {
    this.from = from;
    this.to = to;
    this.busy = true;
    this.error = null;
    try {
      const { brokersBetween } = await request(BrokersBetweenDocument, {
        ...sideVariables(from, 'from'),
        ...sideVariables(to, 'to'),
        first: 10,
      });
      this.brokers = brokersBetween;
      this.asked = label;
      return brokersBetween;
    } catch (e) {
      this.error = describeError(e);
      return null;
    } finally {
      this.busy = false;
    }
  };
}
