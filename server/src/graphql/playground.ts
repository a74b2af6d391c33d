import { renderGraphiQL } from '@graphql-yoga/render-graphiql';

let page: string | undefined;

/**
 * The GraphiQL page served to browsers at `GET /graphql`. Everything it needs is inlined, so
 * it works with no internet access (Apollo's default landing page loads from a CDN).
 */
export function playgroundPage(): string {
  page ??= renderGraphiQL({
    endpoint: '/graphql',
    title: 'TrucklineMP Webhooks',
    defaultQuery: [
      '# Paste your developer token into the Headers tab as',
      '# { "Authorization": "Bearer tlmp_…" }',
      '',
      'query EventCatalog {',
      '  eventTypes { name group description }',
      '}',
      '',
    ].join('\n'),
    headers: JSON.stringify({ Authorization: 'Bearer ' }, null, 2),
  });
  return page;
}
