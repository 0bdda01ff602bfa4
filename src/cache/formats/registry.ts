/**
 * Which parser and encoder serve each format, and how a format is recognised from a file
 * name or from the first bytes of the trace.
 */
import { UsageError } from '../../util/index.js';
import { BinaryEncoder, BinaryParser, hasBinaryMagic } from './binary.js';
import { HEX_VALUE } from './bytes.js';
import { DinEncoder, DinParser, XdinEncoder, XdinParser } from './din.js';
import { LackeyEncoder, LackeyParser } from './lackey.js';
import { TRACE_FORMATS, type TraceEncoder, type TraceFormat, type TraceParser } from './types.js';

/** A new parser for `format`; `sourceName` appears in its error messages. */
export function createParser(format: TraceFormat, sourceName: string): TraceParser {
  switch (format) {
    case 'lackey':
      return new LackeyParser(sourceName);
    case 'din':
      return new DinParser(sourceName);
    case 'xdin':
      return new XdinParser(sourceName);
    case 'bin':
      return new BinaryParser(sourceName);
  }
}

/** A new encoder for `format`. */
export function createEncoder(format: TraceFormat): TraceEncoder {
  switch (format) {
    case 'lackey':
      return new LackeyEncoder();
    case 'din':
      return new DinEncoder();
    case 'xdin':
      return new XdinEncoder();
    case 'bin':
      return new BinaryEncoder();
  }
}

/** Throws a UsageError unless `name` is a format. */
export function checkTraceFormat(name: string): TraceFormat {
  if ((TRACE_FORMATS as readonly string[]).includes(name)) return name as TraceFormat;
  throw new UsageError(`unknown trace format '${name}' (known: ${TRACE_FORMATS.join(', ')})`);
}

const FORMAT_BY_EXTENSION: Readonly<Record<string, TraceFormat>> = {
  lackey: 'lackey',
  din: 'din',
  xdin: 'xdin',
  smt: 'bin',
  bin: 'bin',
};

/** The format a file name's extension announces (`.lackey`, `.din`, `.xdin`, `.smt`/`.bin`), if any. */
export function formatFromFileName(fileName: string): TraceFormat | undefined {
  const dot = fileName.lastIndexOf('.');
  if (dot < 0 || dot < fileName.lastIndexOf('/')) return undefined;
  return FORMAT_BY_EXTENSION[fileName.slice(dot + 1).toLowerCase()];
}

/**
 * Guesses the format from the first bytes: the binary magic; a lackey line (`I  `, ` L `,
 * ` S `, ` M `, `SB `) or valgrind's `==pid==` banner; a din line (hex label, blank); an xdin line
 * (`r`/`w`/`i`/`m`/`c`/`v`, blank). Undefined when nothing fits.
 */
export function formatFromContent(head: Uint8Array): TraceFormat | undefined {
  if (hasBinaryMagic(head)) return 'bin';
  const text = new TextDecoder().decode(head.subarray(0, 256));
  if (/^(==|--|SB |I {2}[0-9a-fA-F]| [LSM] [0-9a-fA-F])/.test(text)) return 'lackey';
  const first = head[0] ?? 0;
  if (/^[rwimcvRWIMCV][ \t]/.test(text)) return 'xdin';
  if (HEX_VALUE[first]! >= 0 && /^[0-9a-fA-F]+[ \t]/.test(text)) return 'din';
  return undefined;
}
