import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { sniffAttachment } from './sniff.ts';

/** A real 1×1 PNG. */
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

/** The start of a Windows program: "MZ", the DOS stub, and a PE header further on. */
const WINDOWS_PROGRAM = (() => {
  const b = Buffer.alloc(512);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  b.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
  return b;
})();

const LINUX_PROGRAM = Buffer.concat([
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]),
  Buffer.alloc(120),
]);

async function refusal(bytes: Buffer, name: string): Promise<AppError> {
  const err = await sniffAttachment(bytes, name).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('sniffAttachment', () => {
  it('types a PNG, a PDF and a text log by their content', async () => {
    expect(await sniffAttachment(TINY_PNG, 'screenshot.png')).toEqual({ contentType: 'image/png' });
    expect(await sniffAttachment(PDF, 'report.pdf')).toEqual({ contentType: 'application/pdf' });
    const log = Buffer.from('2026-11-02T09:00:00Z ERROR E0000004 invalid assertion\nRetrying… ✓\n');
    expect(await sniffAttachment(log, 'agent.log')).toEqual({ contentType: 'text/plain' });
  });

  it('decides by content, not by the name the client gave', async () => {
    // a PNG called .txt is still a PNG; text called .png is text
    expect(await sniffAttachment(TINY_PNG, 'notes.txt')).toEqual({ contentType: 'image/png' });
    expect(await sniffAttachment(Buffer.from('just text'), 'photo.png')).toEqual({
      contentType: 'text/plain',
    });
    // bytes that are neither a known format nor UTF-8 text are opaque
    expect(await sniffAttachment(Buffer.from([0x01, 0x00, 0x81, 0x02, 0xc3, 0x28]), 'dump.dat')).toEqual({
      contentType: 'application/octet-stream',
    });
  });

  it('refuses a Windows program named report.pdf', async () => {
    const err = await refusal(WINDOWS_PROGRAM, 'report.pdf');
    expect(err.status).toBe(422);
    expect(err.code).toBe('executable_refused');
    expect(err.fields).toHaveProperty('file');
    expect(err.message).toContain('report.pdf');
  });

  it('refuses a Linux (ELF) program whatever its name', async () => {
    for (const name of ['agent', 'agent.log', 'image.png']) {
      const err = await refusal(LINUX_PROGRAM, name);
      expect(err.status).toBe(422);
      expect(err.code).toBe('executable_refused');
    }
  });

  it('refuses executable names even with harmless text content', async () => {
    for (const name of ['setup.exe', 'SETUP.EXE', 'fix.bat', 'run.ps1', 'tool.jar']) {
      const err = await refusal(Buffer.from('echo hello\r\n'), name);
      expect(err.status, name).toBe(422);
      expect(err.code).toBe('executable_refused');
      expect(err.fields?.file).toMatch(/Executables cannot be attached/);
    }
  });
});
