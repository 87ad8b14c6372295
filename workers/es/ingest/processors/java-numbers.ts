/**
 * A parsed float or double is set into a document as the Java number (Float.toString / Double.toString), or as
 * that text when it is not finite (the convert and grok processors).
 */
import { XNumber, javaDoubleToString, javaFloatToString, type XContentValue } from '../../xcontent/index.ts'

/** The value a parsed `float` (rounded to a Java float) or `double` takes in a document. */
export function javaFloatingValue(value: number, type: 'float' | 'double'): XContentValue {
  const text = type === 'float' ? javaFloatToString(Math.fround(value)) : javaDoubleToString(value)
  return Number.isFinite(value) ? new XNumber(text) : text
}
