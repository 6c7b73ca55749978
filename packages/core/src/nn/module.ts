import { checkTensor } from '../ops/conv_options';
import { ConvkitError, formatShape } from '../errors';
import { Shape } from '../tensor/shape';
import { Tensor } from '../tensor/tensor';
import { Initializer, Parameter } from './parameter';
import { checkSeed, nextSeed } from '../tensor/random';

/** Options every layer takes. */
export interface ModuleOptions {
  /**
   * Seed (an integer in [0, 2³² − 1]) of the layer's initial weights. Without one, a layer
   * inside a container gets a seed derived from the container's seed and its position (so equal
   * layers get different weights), and a layer on its own draws one from the default generator
   * (`manualSeed`), as torch layers do.
   */
  seed?: number;
}

function mixSeed(seed: number, index: number): number {
  return (Math.imul(seed ^ 0x27d4eb2d, 0x165667b1) + Math.imul(index + 1, 0x9e3779b1)) >>> 0;
}

/**
 * Base of all layers, after `torch.nn.Module`: named parameters, named children, `forward`,
 * and shape / cost inference without data (`outputShape`, `macs`). A module with children
 * runs them in order (every container here is sequential).
 */
export abstract class Module {
  /** Class name shown in summaries, e.g. `'Conv2d'`. */
  abstract readonly type: string;
  private seedValue: number;
  private readonly seedExplicit: boolean;
  private readonly params: [string, Parameter][] = [];
  private readonly childList: [string, Module][] = [];
  /** The input shape the model was built for, if it has one (e.g. `models.mobilenetV1`); `summary(model)` uses it. */
  inputShape: readonly number[] | undefined = undefined;

  constructor(options: ModuleOptions = {}) {
    this.seedExplicit = options.seed !== undefined;
    this.seedValue = options.seed === undefined ? nextSeed() : checkSeed(this.constructor.name, options.seed, 'options.seed');
  }

  /** Registers a lazily initialised parameter. */
  protected addParameter(name: string, shape: Shape, init: Initializer): Parameter {
    const index = this.params.length;
    const p = new Parameter(shape, init, () => mixSeed(this.seedValue, index));
    this.params.push([name, p]);
    return p;
  }

  /** Registers a child module and gives it a derived seed unless it has its own. */
  protected addChild<M extends Module>(name: string, child: M): M {
    if (!(child instanceof Module)) {
      throw new ConvkitError(this.type, name, `${name} must be a layer (nn.Module), got ${typeof child}`);
    }
    child.inheritSeed(mixSeed(this.seedValue, 1000 + this.childList.length));
    this.childList.push([name, child]);
    return child;
  }

  private inheritSeed(seed: number): void {
    if (this.seedExplicit) return;
    this.seedValue = seed;
    this.childList.forEach(([, c], i) => c.inheritSeed(mixSeed(seed, 1000 + i)));
  }

  /** Direct children, in order. */
  children(): ReadonlyArray<readonly [string, Module]> {
    return this.childList;
  }

  /** This module's own parameters (not its children's). */
  ownParameters(): ReadonlyArray<readonly [string, Parameter]> {
    return this.params;
  }

  /** All parameters with dotted names, as `torch.nn.Module.named_parameters()`. */
  namedParameters(prefix = ''): [string, Parameter][] {
    const out: [string, Parameter][] = this.params.map(([n, p]) => [prefix + n, p]);
    for (const [name, child] of this.childList) out.push(...child.namedParameters(`${prefix}${name}.`));
    return out;
  }

  /** Number of learnable values, counted from shapes (allocates nothing). */
  get parameterCount(): number {
    return this.namedParameters().reduce((sum, [, p]) => sum + p.size, 0);
  }

  /** Whether any weights have been allocated yet. */
  get isMaterialized(): boolean {
    return this.namedParameters().some(([, p]) => p.isMaterialized);
  }

  /** Output shape for an input shape, validated like `forward` but without data. */
  outputShape(inputShape: Shape): number[] {
    if (this.childList.length === 0) throw new ConvkitError(this.type, 'outputShape', `${this.type} has no children and does not override outputShape`);
    return this.childList.reduce<number[]>((shape, [, c]) => c.outputShape(shape), [...inputShape]);
  }

  /** Multiply-adds of this module alone for an input shape (children not included). */
  ownMacs(_inputShape: Shape): number {
    return 0;
  }

  /** Multiply-adds of the whole module for an input shape. */
  macs(inputShape: Shape): number {
    let total = this.ownMacs(inputShape);
    let shape: number[] = [...inputShape];
    for (const [, c] of this.childList) {
      total += c.macs(shape);
      shape = c.outputShape(shape);
    }
    return total;
  }

  /** Runs the layer. */
  forward(x: Tensor): Tensor {
    checkTensor(this.type, 'x', x);
    if (this.childList.length === 0) throw new ConvkitError(this.type, 'forward', `${this.type} has no children and does not override forward`);
    return this.childList.reduce((y, [, c]) => c.forward(y), x);
  }

  /** Short description of the layer's configuration, e.g. `3, 8, kernel 3`. */
  describe(): string {
    return '';
  }

  toString(): string {
    return `${this.type}(${this.describe()})`;
  }
}

/** Checks an image shape `[C, H, W]` or `[N, C, H, W]` and its channel count. */
export function checkImageShape(op: string, shape: Shape, channels?: number): { batched: [number, number, number, number]; unbatched: boolean } {
  if (!Array.isArray(shape) || (shape.length !== 3 && shape.length !== 4)) {
    throw new ConvkitError(op, 'input', `input must have shape [C, H, W] or [N, C, H, W], got ${Array.isArray(shape) ? formatShape(shape) : String(shape)}`);
  }
  const batched = (shape.length === 3 ? [1, ...shape] : [...shape]) as [number, number, number, number];
  if (channels !== undefined && batched[1] !== channels) {
    throw new ConvkitError(op, 'input', `input must have ${channels} channels (shape [N, ${channels}, H, W]), got ${formatShape(shape)}`);
  }
  return { batched, unbatched: shape.length === 3 };
}

/** Drops the batch axis again for unbatched inputs. */
export function unbatch(shape: readonly number[], unbatched: boolean): number[] {
  return unbatched ? shape.slice(1) : [...shape];
}
