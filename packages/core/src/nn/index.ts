/** Layers, PyTorch-module style: `new nn.Conv2d(3, 8, 3)`, `layer.forward(x)`. */
export { Module } from './module';
export type { ModuleOptions } from './module';
export { Parameter } from './parameter';
export { Conv2d, DepthwiseConv2d, PointwiseConv2d } from './conv';
export type { Conv2dLayerOptions, DepthwiseConv2dLayerOptions, PointwiseConv2dLayerOptions } from './conv';
export { SeparableConv2d } from './separable';
export type { SeparableConv2dLayerOptions } from './separable';
export { BatchNorm2d } from './batch_norm';
export type { BatchNorm2dOptions } from './batch_norm';
export { ReLU, ReLU6 } from './activation';
export { AvgPool2d, GlobalAvgPool2d } from './pool';
export type { AvgPool2dOptions } from './pool';
export { Linear, Flatten } from './linear';
export type { LinearOptions } from './linear';
export { Sequential } from './sequential';
