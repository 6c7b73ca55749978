import { Module, ModuleOptions } from './module';

/**
 * Runs layers in order, `torch.nn.Sequential`. Children are named `0, 1, …`, or by the keys of
 * a record: `new nn.Sequential({ conv: ..., relu: ... })`.
 */
export class Sequential extends Module {
  readonly type = 'Sequential';

  constructor(...layers: Module[] | [Record<string, Module>] | [Record<string, Module>, ModuleOptions]) {
    const first = layers[0];
    const named = first !== undefined && !(first instanceof Module);
    super(named ? (layers[1] as ModuleOptions | undefined) : undefined);
    if (named) {
      for (const [name, layer] of Object.entries(first as Record<string, Module>)) this.addChild(name, layer);
    } else {
      (layers as Module[]).forEach((layer, i) => this.addChild(String(i), layer));
    }
  }

  /** Number of direct children. */
  get length(): number {
    return this.children().length;
  }
}
