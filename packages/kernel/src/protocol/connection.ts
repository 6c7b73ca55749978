import { readFileSync } from 'fs';

/** The connection file Jupyter writes for a kernel. */
export interface ConnectionInfo {
  transport: 'tcp' | 'ipc';
  ip: string;
  key: string;
  signature_scheme: string;
  shell_port: number;
  control_port: number;
  iopub_port: number;
  stdin_port: number;
  hb_port: number;
}

/** Reads and checks a connection file; defaults to loopback if it names no ip. */
export function readConnectionFile(path: string): ConnectionInfo {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Partial<ConnectionInfo>;
  for (const port of ['shell_port', 'control_port', 'iopub_port', 'stdin_port', 'hb_port'] as const) {
    if (!Number.isInteger(raw[port])) throw new Error(`connection file ${path}: ${port} must be an integer, got ${JSON.stringify(raw[port])}`);
  }
  return {
    transport: raw.transport ?? 'tcp',
    ip: raw.ip || '127.0.0.1',
    key: raw.key ?? '',
    signature_scheme: raw.signature_scheme ?? 'hmac-sha256',
    shell_port: raw.shell_port!,
    control_port: raw.control_port!,
    iopub_port: raw.iopub_port!,
    stdin_port: raw.stdin_port!,
    hb_port: raw.hb_port!,
  };
}

/** The zeromq address of one channel. */
export function endpoint(info: ConnectionInfo, port: number): string {
  return info.transport === 'ipc' ? `ipc://${info.ip}-${port}` : `tcp://${info.ip}:${port}`;
}
