/** A small model zoo for counting and teaching. */
export { mobilenetV1, MOBILENET_V1_BLOCKS } from './mobilenet_v1';
export type { MobileNetV1Options } from './mobilenet_v1';
