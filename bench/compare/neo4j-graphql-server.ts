// The peer we compare against: @neo4j/graphql 7 over the same database, with type definitions for what its
// generated API can express of our reads (stakeholder by id, a filtered page, one hop), served by graphql-yoga.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { createYoga } from 'graphql-yoga';
import neo4j, { type Driver } from 'neo4j-driver';
import { TIE_FIELDS } from './operations.js';

export const TYPE_DEFS = `
type Stakeholder @node {
  id: ID!
  name: String!
  kind: String!
  roles: [String!]
  degree: Int
  roleFacts: [RoleFact!]! @relationship(type: "HAS_ROLE", direction: OUT)
  memberOf: [Community!]! @relationship(type: "MEMBER_OF", direction: OUT)
${TIE_FIELDS.map(
  ({ type, field }) =>
    `  ${field}: [Stakeholder!]! @relationship(type: "${type}", direction: OUT, properties: "Tie", queryDirection: UNDIRECTED)`,
).join('\n')}
}
type RoleFact @node {
  role: String!
  since: Date
  until: Date
  source: String
  value: Float
  tier: String
}
type Community @node {
  id: ID!
  kind: String
}
type Tie @relationshipProperties {
  weight: Float!
  since: Date
}
`;

export interface PeerServer {
  port: number;
  close(): Promise<void>;
}

export async function startNeo4jGraphQL(
  uri: string,
  auth: { username: string; password: string },
  database: string,
): Promise<PeerServer> {
  // Its own driver with the library's expected defaults (lossless integers), on the same database.
  const driver: Driver = neo4j.driver(uri, neo4j.auth.basic(auth.username, auth.password), { maxConnectionPoolSize: 100 });
  const schema = await new Neo4jGraphQL({ typeDefs: TYPE_DEFS, driver }).getSchema();
  const yoga = createYoga({ schema, logging: 'error', context: () => ({ sessionConfig: { database } }) });
  const server: Server = createServer(yoga);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await driver.close();
    },
  };
}
