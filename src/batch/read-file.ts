import { open } from 'node:fs/promises';

/**
 * A file's bytes in chunks read into one buffer, again and again: each chunk is valid only until
 * the next is asked for (runBatch copies what it keeps). A ReadStream allocates a new buffer per
 * chunk instead, and hundreds of MB of input then pass through the main thread's malloc heap,
 * which grew by the chunks awaiting the next garbage collection.
 * @example
 * for await (const chunk of readChunks('orders.ndjson')) count += chunk.length;
 */
export async function* readChunks(path: string, chunkBytes = 1 << 20): AsyncGenerator<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafeSlow(chunkBytes);
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, chunkBytes, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}
