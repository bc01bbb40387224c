// Typed errors of the stream recorder; each message says what to do about it.

export class RecorderConfigError extends Error {
  constructor(message: string) {
    super(`RecorderConfigError: ${message}`);
    this.name = 'RecorderConfigError';
  }
}

export class RecorderWriteError extends Error {
  constructor(message: string) {
    super(`RecorderWriteError: ${message}`);
    this.name = 'RecorderWriteError';
  }
}

export class RecorderClosedError extends Error {
  constructor(dir: string) {
    super(`RecorderClosedError: the recorder of ${dir} is closed; open a new StreamRecorder to record again`);
    this.name = 'RecorderClosedError';
  }
}
