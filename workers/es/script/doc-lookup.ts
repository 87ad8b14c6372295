/**
 * `doc` in search scripts (ES's LeafDocLookup) and what `doc['field']` gives (ScriptDocValues), over a shard's
 * doc values (search/doc-values-source.ts) for one document:
 *
 * - `doc['f']`, `doc.get('f')` and `doc.f` give the field's values; `doc.containsKey('f')` whether it is mapped.
 *   An unmapped field is "No field found for [f] in mapping"; a text field TextFieldType's fielddata refusal;
 * - the values are a List (ScriptDocValues.Longs, Doubles, Strings, Booleans, Dates) in doc-values order:
 *   `.value` / `getValue()` the first (IllegalStateException "A document doesn't have a value for a field! Use
 *   doc[<field>].size()==0 to check if a document is missing a field!" when there is none), `.values`,
 *   `size()`, `isEmpty()` / `.empty`, `get(i)`, `[i]`, `contains(v)`; longs are Longs, doubles Doubles, booleans
 *   Booleans, dates java.time.ZonedDateTime in UTC (java-time.ts), ip addresses Strings of their text;
 * - a geo_point's values are GeoPoints (ScriptDocValues.GeoPoints, script-geo-point.ts) of the decoded quantised
 *   coordinates, with the first point's `.lat` / `getLat()` and `.lon` / `getLon()` and every point's `.lats` /
 *   `getLats()` and `.lons` / `getLons()` (double arrays).
 */
import type { DocValuesSource, FieldValue } from '../search/aggregations/index.ts'
import { noFielddata } from '../search/aggregations/values-source.ts'
import type { XContentValue } from '../xcontent/index.ts'
import { javaEquals } from './painless-operators.ts'
import { listIndex } from './painless-methods.ts'
import { HostObject, JavaArray, Num, javaString, toXContent, type Value } from './painless-values.ts'
import { JavaException, illegalArgument } from './script-errors.ts'
import { ZonedDateTime } from './java-time.ts'
import { formatTerm } from '../common/network/inet-addresses.ts'
import { decodeVersion } from '../index/mapper/version-field.ts'
import { geoPointsOf } from '../index/mapper/geo-point-field.ts'
import { ScriptGeoPoint } from './script-geo-point.ts'

const VALUES_CLASSES: Readonly<Record<string, string>> = {
  long: 'Longs',
  double: 'Doubles',
  keyword: 'Strings',
  boolean: 'Booleans',
  date: 'Dates',
  geo_point: 'GeoPoints',
}

/** GeoPoints' getters of the first point's coordinate and of every point's (`lat`: getLat, `lats`: getLats). */
const GEO_GETTERS: Readonly<Record<string, { coordinate: 'lat' | 'lon'; all: boolean }>> = {
  lat: { coordinate: 'lat', all: false },
  lon: { coordinate: 'lon', all: false },
  lats: { coordinate: 'lat', all: true },
  lons: { coordinate: 'lon', all: true },
}

class ScriptDocValues extends HostObject {
  readonly className: string

  constructor(
    type: string,
    private readonly values: readonly Value[],
  ) {
    super()
    // mapper-version's own script doc values (VersionScriptDocValues)
    this.className =
      type === 'version'
        ? 'org.elasticsearch.xpack.versionfield.VersionScriptDocValues'
        : `org.elasticsearch.index.fielddata.ScriptDocValues$${VALUES_CLASSES[type] ?? 'Strings'}`
  }

  private first(): Value {
    if (this.values.length === 0) {
      throw new JavaException(
        'IllegalStateException',
        "A document doesn't have a value for a field! Use doc[<field>].size()==0 to check if a document is missing a field!",
      )
    }
    return this.values[0]!
  }

  override field(name: string): Value | undefined {
    if (name === 'value') return this.first()
    if (name === 'values') return [...this.values]
    if (name === 'empty') return this.values.length === 0
    return Object.hasOwn(GEO_GETTERS, name) ? this.geoGetter(name) : undefined
  }

  /** GeoPoints.getLat / getLon / getLats / getLons, undefined for other doc values. */
  private geoGetter(name: string): Value | undefined {
    const getter = GEO_GETTERS[name]!
    if (!this.className.endsWith('$GeoPoints')) return undefined
    if (!getter.all) return (this.first() as ScriptGeoPoint).field(getter.coordinate)!
    const points = this.values as ScriptGeoPoint[]
    return new JavaArray(
      'double[]',
      points.map((point) => Num.double(point[getter.coordinate])),
    )
  }

  override index(key: Value): Value | undefined {
    return this.values[listIndex(this.values, key)]
  }

  override call(name: string, args: readonly Value[]): Value | undefined {
    switch (`${name}/${args.length}`) {
      case 'getValue/0':
        return this.first()
      case 'getValues/0':
        return [...this.values]
      case 'size/0':
        return Num.int(this.values.length)
      case 'isEmpty/0':
        return this.values.length === 0
      case 'get/1':
        return this.index(args[0]!)
      case 'contains/1':
        return this.values.some((value) => javaEquals(value, args[0]!))
    }
    const getter = /^get(Lat|Lon)(s?)$/.exec(name)
    return getter !== null && args.length === 0
      ? this.geoGetter(getter[1]!.toLowerCase() + getter[2]!)
      : undefined
  }

  override iterable(): Value[] {
    return [...this.values]
  }

  override toString(): string {
    return javaString([...this.values])
  }

  override toXContent(): XContentValue {
    return toXContent([...this.values])
  }
}

function scriptValue(type: string, value: FieldValue): Value {
  // IpDocValuesField: an ip field's value is its address's text
  // and a version field's its decoded text (VersionScriptDocValues)
  if (typeof value === 'string')
    return type === 'ip' ? formatTerm(value) : type === 'version' ? decodeVersion(value) : value
  switch (type) {
    case 'long':
      return Num.long(BigInt(value))
    case 'boolean':
      return value !== 0
    case 'date':
      return new ZonedDateTime(value)
    default:
      return Num.double(value)
  }
}

/** `doc` for one document of a shard. */
export class DocLookup extends HostObject {
  readonly className = 'org.elasticsearch.search.lookup.LeafDocLookup'
  docId = -1

  constructor(
    private readonly docValues: DocValuesSource,
    private readonly indexName: string,
  ) {
    super()
  }

  private values(name: Value): ScriptDocValues {
    const field = typeof name === 'string' ? name : javaString(name)
    const info = this.docValues.field(field)
    if (info === null) throw illegalArgument(`No field found for [${field}] in mapping`)
    const refused = noFielddata(this.docValues.concreteName(field), info.type, this.indexName)
    if (refused !== null) throw illegalArgument(refused.reason)
    const values = this.docValues.values(field, this.docId)
    return new ScriptDocValues(
      info.type,
      info.type === 'geo_point'
        ? geoPointsOf(values as number[]).map((point) => new ScriptGeoPoint(point.lat, point.lon))
        : values.map((value) => scriptValue(info.type, value)),
    )
  }

  override field(name: string): Value | undefined {
    return this.values(name)
  }

  override index(key: Value): Value | undefined {
    return this.values(key)
  }

  override call(name: string, args: readonly Value[]): Value | undefined {
    if (name === 'get' && args.length === 1) return this.values(args[0]!)
    if (name === 'containsKey' && args.length === 1) {
      return typeof args[0] === 'string' && this.docValues.field(args[0]) !== null
    }
    return undefined
  }
}
