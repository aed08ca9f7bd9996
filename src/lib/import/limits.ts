/**
 * Bounds on what one source file may hold, checked before a parser is given
 * it: a township's report is tens of kilobytes to a few megabytes, so these
 * are far above any real report and far below what exhausts the importer
 * (a 408 KB .docx can inflate to 400 MiB of XML, which mammoth would build as
 * one string and then as a DOM). Over a limit the file is refused alone, with
 * the figure, and the batch goes on. Pure apart from inflating in memory.
 */
import { Unzip, UnzipInflate } from 'fflate';

export const LIMITS = {
  /** any source file, as stored */
  fileBytes: 64 * 1024 * 1024,
  /** a text or web page file */
  textBytes: 16 * 1024 * 1024,
  /** lines of a text file (a 100-page report has a few thousand) */
  textLines: 200_000,
  /** start tags of a web page */
  htmlTags: 300_000,
  /** elements open inside each other (the page reader walks the tree recursively; portals nest a few dozen deep) */
  htmlDepth: 1_000,
  /** entries of a .docx (zip) package */
  docxEntries: 2_000,
  /** word/document.xml inflated */
  docxXmlBytes: 48 * 1024 * 1024,
  /** all entries inflated together */
  docxTotalBytes: 160 * 1024 * 1024,
  /** paragraphs (<w:p>) of word/document.xml */
  docxParagraphs: 100_000,
  /** table cells (<w:tc>) of word/document.xml */
  docxCells: 200_000,
  /** pages of a PDF */
  pdfPages: 500,
} as const;

export class LimitError extends Error {}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'p', 'li', 'td', 'th', 'tr', 'option']);

const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;

export function checkSize(kind: string, bytes: number, limit: number): void {
  if (bytes > limit) throw new LimitError(`${kind} is ${mib(bytes)}; at most ${mib(limit)} is read. A report is rarely over a few MiB: split the file or remove embedded media`);
}

export function checkText(text: string): void {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) if (++lines > LIMITS.textLines) break;
  if (lines > LIMITS.textLines) throw new LimitError(`the text has more than ${LIMITS.textLines.toLocaleString('en')} lines; at most that many are read: is this one report?`);
}

export function checkHtml(html: string): void {
  checkSize('the web page', html.length, LIMITS.textBytes);
  let tags = 0;
  let depth = 0;
  let deepest = 0;
  const re = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m[1]) {
      if (!VOID.has(m[2]!.toLowerCase())) depth = Math.max(0, depth - 1);
      continue;
    }
    if (++tags > LIMITS.htmlTags) throw new LimitError(`the web page has more than ${LIMITS.htmlTags.toLocaleString('en')} elements; at most that many are read: save the report's own page, not a whole site`);
    if (m[3] || VOID.has(m[2]!.toLowerCase())) continue;
    if (++depth > deepest) deepest = depth;
  }
  // unclosed <p>/<li>/<td> look deep to this count though a browser closes them: only a crafted page passes the limit
  if (deepest > LIMITS.htmlDepth) throw new LimitError(`the web page nests elements ${deepest} deep; at most ${LIMITS.htmlDepth} are read: is it a crafted page? Save the report's own page from the portal`);
}

/**
 * Inflates a .docx entry by entry, counting bytes as they come and paragraphs
 * and cells of the document, and stops at the first limit passed — so a zip
 * bomb costs a few milliseconds, not the heap. A size the zip header claims
 * is not trusted: the bytes are counted.
 */
export function checkDocx(data: Uint8Array): void {
  let entries = 0;
  let total = 0;
  let failure: string | undefined;
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (file) => {
    if (failure) return;
    if (++entries > LIMITS.docxEntries) {
      failure = `the .docx package has more than ${LIMITS.docxEntries} parts`;
      return;
    }
    const isDocument = file.name === 'word/document.xml';
    let size = 0;
    let paragraphs = 0;
    let cells = 0;
    let tail = '';
    const decoder = new TextDecoder();
    file.ondata = (err, chunk, final) => {
      if (failure) return;
      if (err) {
        failure = `the .docx package is damaged (${err.message}); save it again as .docx from Word or WPS`;
        return;
      }
      size += chunk.length;
      total += chunk.length;
      if (isDocument) {
        const text = tail + decoder.decode(chunk, { stream: !final });
        paragraphs += text.match(/<w:p[ >/]/g)?.length ?? 0;
        cells += text.match(/<w:tc[ >/]/g)?.length ?? 0;
        tail = text.slice(-6);
        if (size > LIMITS.docxXmlBytes) failure = `its text (word/document.xml) inflates to more than ${mib(LIMITS.docxXmlBytes)}`;
        else if (paragraphs > LIMITS.docxParagraphs) failure = `it has more than ${LIMITS.docxParagraphs.toLocaleString('en')} paragraphs`;
        else if (cells > LIMITS.docxCells) failure = `its tables have more than ${LIMITS.docxCells.toLocaleString('en')} cells`;
      }
      if (!failure && total > LIMITS.docxTotalBytes) failure = `its parts inflate to more than ${mib(LIMITS.docxTotalBytes)}`;
      if (failure) file.terminate();
    };
    file.start();
  };
  try {
    unzip.push(data, true);
  } catch (e) {
    if (!failure) failure = `the .docx package cannot be read as a zip file (${(e as Error).message}); save it again as .docx from Word or WPS`;
  }
  if (failure) {
    throw new LimitError(
      failure.startsWith('the .docx') ? failure : `the .docx file (${mib(data.length)} stored): ${failure}; at most that much is read. A report is rarely over a few MiB: is this one report, and not a crafted file?`,
    );
  }
}

/** Pages a PDF declares, counted in its bytes before pdf.js builds anything (a bound, not an exact count). */
export function checkPdf(data: Uint8Array): void {
  checkSize('the PDF', data.length, LIMITS.fileBytes);
  const latin = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
  const pages = latin.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
  if (pages > LIMITS.pdfPages) throw new LimitError(`the PDF declares ${pages} pages; at most ${LIMITS.pdfPages} are read: is this one report?`);
}
