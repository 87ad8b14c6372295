// A geo_match enrich policy and its processor (GeoMatchProcessor): the reference's postal_policy walkthrough, the
// shape_relation and orientation options, and a document whose point falls outside every shape.
import { expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { jsonAt } from '../indices/json-at.ts'

async function postalPolicy(relation = 'INTERSECTS'): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/postal_codes', {
    mappings: { properties: { location: { type: 'geo_shape' }, postal_code: { type: 'keyword' } } },
  })
  await node.send('PUT', '/postal_codes/_doc/1?refresh=wait_for', {
    location: {
      type: 'envelope',
      coordinates: [
        [13.0, 53.0],
        [14.0, 52.0],
      ],
    },
    postal_code: '96598',
  })
  const policy = await node.send('PUT', '/_enrich/policy/postal_policy', {
    geo_match: {
      indices: 'postal_codes',
      match_field: 'location',
      enrich_fields: ['location', 'postal_code'],
    },
  })
  expect(policy.body).toBe('{"acknowledged":true}')
  expect((await node.send('POST', '/_enrich/policy/postal_policy/_execute')).status).toBe(200)
  const pipeline = await node.send('PUT', '/_ingest/pipeline/postal_lookup', {
    processors: [
      {
        enrich: {
          description: "Add 'geo_data' based on 'geo_location'",
          policy_name: 'postal_policy',
          field: 'geo_location',
          target_field: 'geo_data',
          shape_relation: relation,
        },
      },
    ],
  })
  expect(pipeline.body).toBe('{"acknowledged":true}')
  return node
}

it('enriches a point inside the postal code envelope with the envelope and its code', async () => {
  const node = await postalPolicy()
  const put = await node.send('PUT', '/users/_doc/0?pipeline=postal_lookup', {
    first_name: 'Mardy',
    last_name: 'Brown',
    geo_location: 'POINT (13.5 52.5)',
  })
  expect(put.status).toBe(201)
  const doc = (await node.send('GET', '/users/_doc/0')).body
  expect(jsonAt(doc, '_source', 'geo_data')).toEqual({
    location: {
      type: 'envelope',
      coordinates: [
        [13.0, 53.0],
        [14.0, 52.0],
      ],
    },
    postal_code: '96598',
  })
  // a "lat,lon" point outside the envelope, and a polygon crossing it
  await node.send('PUT', '/users/_doc/1?pipeline=postal_lookup', { geo_location: '10,10' })
  expect(jsonAt((await node.send('GET', '/users/_doc/1')).body, '_source', 'geo_data')).toBeUndefined()
  await node.send('PUT', '/users/_doc/2?pipeline=postal_lookup', {
    geo_location: 'POLYGON ((13.9 52.9, 15 52.9, 15 54, 13.9 54, 13.9 52.9))',
  })
  expect(jsonAt((await node.send('GET', '/users/_doc/2')).body, '_source', 'geo_data', 'postal_code')).toBe(
    '96598',
  )
})

it('shape_relation within keeps the shapes lying in the value; contains those holding it', async () => {
  const within = await postalPolicy('WITHIN')
  await within.send('PUT', '/users/_doc/1?pipeline=postal_lookup', { geo_location: 'BBOX (12, 15, 54, 51)' })
  expect(jsonAt((await within.send('GET', '/users/_doc/1')).body, '_source', 'geo_data', 'postal_code')).toBe(
    '96598',
  )
  const contains = await postalPolicy('contains')
  await contains.send('PUT', '/users/_doc/1?pipeline=postal_lookup', {
    geo_location: 'BBOX (12, 15, 54, 51)',
  })
  expect(jsonAt((await contains.send('GET', '/users/_doc/1')).body, '_source', 'geo_data')).toBeUndefined()
})
