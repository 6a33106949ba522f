import { describe, expect, it, vi } from 'vitest';
import { ImageProcessor } from './image-processor.js';

// sharp as on a host without its native binary: loading it throws. (A throwing mock factory
// would be wrapped in vitest's own message, so the failure is in reading the export.)
vi.mock('sharp', () => ({
  get default() {
    throw Object.assign(new Error('Could not load the "sharp" module using the linux-x64 runtime'), { code: 'ERR_DLOPEN_FAILED' });
  },
}));

// A whole 1×1 JPEG, so that every check before decoding passes.
const JPEG = Buffer.from(
  '/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAABAAEDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAf/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAAAP/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AKAAD//Z',
  'base64',
);

describe('ImageProcessor without a loadable sharp', () => {
  it('is made without loading sharp, and the first upload fails with sharp’s own error, not as a corrupt file', async () => {
    const processor = new ImageProcessor({ maxPixels: 1e6 });
    await expect(processor.inspect(JPEG)).rejects.toThrow(/Could not load the "sharp" module/);
    await expect(processor.inspect(JPEG)).rejects.toThrow(/Could not load the "sharp" module/);
    await expect(processor.resize(JPEG, false, 1, 'webp')).rejects.toThrow(/Could not load the "sharp" module/);
  });
});
