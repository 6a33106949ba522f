import type { Config } from '../config/index.js';
import type { Db } from '../db/index.js';
import { BackgroundQueue } from '../media/background-queue.js';
import { ImageProcessor } from '../media/image-processor.js';
import { MediaFiles } from '../media/media-files.js';
import { MediaLibrary } from '../media/media-library.js';
import { MediaLibraryRepo } from '../media/media-library.repo.js';
import { backgroundWarn } from './background-log.js';

/** The media library: sharp with the configured pixel limit, AVIF in a background queue if on. */
export function mediaLibraryOf(k: Db['kysely'], config: Config, mediaDir: string, now: () => Date): MediaLibrary {
  const warn = backgroundWarn(config);
  return new MediaLibrary({
    repo: new MediaLibraryRepo(k),
    files: new MediaFiles(mediaDir),
    processor: new ImageProcessor({ maxPixels: config.maxImageMegapixels * 1_000_000 }),
    now,
    avif: config.mediaAvif === 'on' ? new BackgroundQueue({ onError: (err) => warn('AVIF variants could not be made', err) }) : undefined,
  });
}
