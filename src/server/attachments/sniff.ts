import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../errors.ts';

/** Binary executable formats, by the type sniffed from the content. */
const EXECUTABLE_MIME = new Set([
  'application/x-msdownload', // PE: .exe, .dll
  'application/x-elf',
  'application/x-mach-binary',
  'application/x-executable',
  'application/x-sharedlib',
  'application/vnd.microsoft.portable-executable',
  'application/x-msi',
  'application/vnd.android.dex',
  'application/java-vm',
  'application/x-apple-diskimage',
]);

/** Names that Windows or a shell would run, whatever their content. */
const EXECUTABLE_EXTENSIONS = new Set([
  'exe',
  'dll',
  'com',
  'bat',
  'cmd',
  'scr',
  'msi',
  'msp',
  'pif',
  'cpl',
  'ps1',
  'psm1',
  'vbs',
  'vbe',
  'jse',
  'wsf',
  'wsh',
  'hta',
  'jar',
  'apk',
  'app',
  'dmg',
  'pkg',
  'deb',
  'rpm',
  'run',
  'bin',
  'elf',
  'so',
  'dylib',
  'lnk',
  'reg',
  'gadget',
  'appimage',
]);

export interface Sniffed {
  contentType: string;
}

/** Decides the stored content type from the bytes, and refuses executables however they are named. */
export async function sniffAttachment(bytes: Buffer, filename: string): Promise<Sniffed> {
  const refuse = (why: string) =>
    new AppError(
      422,
      'executable_refused',
      `${filename} was refused: ${why}. Executables cannot be attached.`,
      {
        file: `Executables cannot be attached (${why}).`,
      },
    );
  const ext = filename.includes('.') ? filename.split('.').pop()!.toLowerCase() : '';
  if (EXECUTABLE_EXTENSIONS.has(ext)) throw refuse(`.${ext} files are executable`);
  // MZ (DOS/PE), ELF and Mach-O magic, checked directly as well as through file-type.
  if (bytes.length >= 2 && bytes[0] === 0x4d && bytes[1] === 0x5a)
    throw refuse('its content is a Windows program');
  if (bytes.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46])))
    throw refuse('its content is a Linux program');
  const magic = bytes.length >= 4 ? bytes.readUInt32BE(0) : 0;
  if ([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(magic)) {
    throw refuse('its content is a macOS or Java program');
  }
  const detected = await fileTypeFromBuffer(bytes);
  if (detected && EXECUTABLE_MIME.has(detected.mime)) throw refuse(`its content is ${detected.mime}`);
  if (detected) return { contentType: detected.mime };
  return { contentType: isUtf8Text(bytes) ? 'text/plain' : 'application/octet-stream' };
}

function isUtf8Text(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
