/**
 * UserAgentParser (ES 8 ingest-user-agent): the `_default_` parser over uap-core's regexes.yaml (the npm package
 * `uap-core`, read through `#uap-regexes`, see uap-regexes.d.ts). Built once, on the first call, as ES builds its
 * parsers once at node startup; every later call shares the compiled patterns.
 *
 * The file holds three lists, `user_agent_parsers`, `os_parsers` and `device_parsers`, of maps with a `regex`, an
 * optional `regex_flag` (only `i`, CASE_INSENSITIVE, is read) and replacements: `family_replacement` and
 * `v1_replacement`..`v4_replacement` for the agent, `os_replacement` and `os_v1_replacement`..`os_v4_replacement`
 * for the OS, `device_replacement` alone for the device (its `brand_replacement` and `model_replacement` are not
 * read). Every scalar is read as its text (the YAML failsafe schema), as XContentParser.text() reads it.
 *
 * findMatch: the first pattern of a list that Matcher.find()s in the agent string and yields a name wins. The name is
 * the name replacement, with its first `$1` replaced by group 1 when that group took part (String.replaceFirst), or
 * group 1 without a replacement; no name (group 1 absent or not taking part) passes on to the next pattern. The
 * version parts are the v1..v4 replacements taken literally (`$2` stays `$2`), else groups 2..5.
 *
 * The patterns are Java's: each compiles through compileJavaPattern, which translates the Java-only syntax
 * (possessive quantifiers, a leading inline flag, \A \z \Z, the POSIX classes). uap-core 0.18.0 uses none of it;
 * every one of its 1175 patterns compiles as it stands.
 */
import { parse } from 'yaml'
import { uapRegexesYaml } from '#uap-regexes'
import { compileJavaPattern } from '../../analysis/custom/java-pattern.ts'

/** UserAgentParser.VersionedName: a name and up to four version parts. */
export interface VersionedName {
  name: string
  major: string | null
  minor: string | null
  patch: string | null
  build: string | null
}

/** UserAgentParser.Details: what each list found in one agent string (null: no pattern matched). */
export interface Details {
  userAgent: VersionedName | null
  operatingSystem: VersionedName | null
  device: VersionedName | null
}

interface UserAgentSubpattern {
  pattern: RegExp
  nameReplacement: string | null
  versionReplacements: readonly (string | null)[]
}

type ParserConfiguration = ReadonlyMap<string, string>

/** The part of one group, null when the group does not exist or took no part in the match. */
function group(match: RegExpExecArray, index: number): string | null {
  return match[index] ?? null
}

function matchSubpattern(sub: UserAgentSubpattern, agent: string): VersionedName | null {
  sub.pattern.lastIndex = 0
  const match = sub.pattern.exec(agent)
  if (match === null) return null
  const first = group(match, 1)
  let name: string | null
  if (sub.nameReplacement === null) name = first
  else if (sub.nameReplacement.includes('$1') && first !== null)
    name = sub.nameReplacement.replace('$1', () => first)
  else name = sub.nameReplacement
  if (name === null) return null
  const [major, minor, patch, build] = sub.versionReplacements.map((replacement, i) => {
    return replacement ?? group(match, i + 2)
  })
  return { name, major: major ?? null, minor: minor ?? null, patch: patch ?? null, build: build ?? null }
}

function findMatch(patterns: readonly UserAgentSubpattern[], agent: string): VersionedName | null {
  for (const sub of patterns) {
    const found = matchSubpattern(sub, agent)
    if (found !== null) return found
  }
  return null
}

function compile(
  config: ParserConfiguration,
  name: string,
  versions: readonly string[],
): UserAgentSubpattern {
  const flags = config.get('regex_flag') === 'i' ? 'CASE_INSENSITIVE' : ''
  return {
    pattern: compileJavaPattern(config.get('regex') ?? '', flags),
    nameReplacement: config.get(name) ?? null,
    versionReplacements: versions.map((key) => config.get(key) ?? null),
  }
}

/** The file's top level: each list of parser configurations by name (uap-core's file has all three). */
type RegexFile = ReadonlyMap<string, readonly ParserConfiguration[]>

export class UserAgentParser {
  private readonly uaPatterns: UserAgentSubpattern[]
  private readonly osPatterns: UserAgentSubpattern[]
  private readonly devicePatterns: UserAgentSubpattern[]

  constructor(regexesYaml: string) {
    const lists = parse(regexesYaml, { schema: 'failsafe', mapAsMap: true }) as RegexFile
    const read = (list: string, name: string, versions: readonly string[]) =>
      (lists.get(list) ?? []).map((config) => compile(config, name, versions))
    const versions = (prefix: string) => [1, 2, 3, 4].map((n) => `${prefix}v${n}_replacement`)
    this.uaPatterns = read('user_agent_parsers', 'family_replacement', versions(''))
    this.osPatterns = read('os_parsers', 'os_replacement', versions('os_'))
    this.devicePatterns = read('device_parsers', 'device_replacement', [])
  }

  parse(agent: string): Details {
    return {
      userAgent: findMatch(this.uaPatterns, agent),
      operatingSystem: findMatch(this.osPatterns, agent),
      device: findMatch(this.devicePatterns, agent),
    }
  }
}

let defaultParser: UserAgentParser | null = null

/** The `_default_` parser (IngestUserAgentPlugin.DEFAULT_PARSER_NAME), built on the first call. */
export function defaultUserAgentParser(): UserAgentParser {
  defaultParser ??= new UserAgentParser(uapRegexesYaml())
  return defaultParser
}
