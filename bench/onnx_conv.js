/**
 * ONNX models of convolution layers, for onnxruntime-node (the native peer of `npm run bench`).
 * Each model is one Conv node, or the depthwise + pointwise pair, with its weights as
 * initializers, so onnxruntime sees exactly the layer convkit runs (NCHW float32).
 */
const { onnx } = require('onnx-proto');

const FLOAT = onnx.TensorProto.DataType.FLOAT;
const ints = (name, values) => onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INTS, ints: values });
const int = (name, value) => onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i: value });

function initializer(name, tensor) {
  const data = tensor.data;
  return onnx.TensorProto.create({ name, dims: tensor.shape, dataType: FLOAT, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) });
}

function valueInfo(name, shape) {
  return onnx.ValueInfoProto.create({
    name,
    type: { tensorType: { elemType: FLOAT, shape: { dim: shape.map((d) => ({ dimValue: d })) } } },
  });
}

/** A Conv node: `layer` = { weight: convkit Tensor, stride, pad, groups }. */
function convNode(input, output, weightName, layer) {
  const [, , kh, kw] = layer.weight.shape;
  return onnx.NodeProto.create({
    input: [input, weightName],
    output: [output],
    opType: 'Conv',
    attribute: [ints('kernel_shape', [kh, kw]), ints('strides', [layer.stride, layer.stride]), ints('pads', [layer.pad, layer.pad, layer.pad, layer.pad]), int('group', layer.groups)],
  });
}

/**
 * Serialized ONNX model (opset 13) running `layers` in sequence on input `x` of shape `inputShape`.
 * @param {Array<{weight: {shape: number[], data: Float32Array}, stride: number, pad: number, groups: number}>} layers
 */
function convModel(inputShape, layers, outputShape) {
  const nodes = [];
  const inits = [];
  let input = 'x';
  layers.forEach((layer, i) => {
    const output = i === layers.length - 1 ? 'y' : `t${i}`;
    inits.push(initializer(`w${i}`, layer.weight));
    nodes.push(convNode(input, output, `w${i}`, layer));
    input = output;
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'convkit-bench',
    opsetImport: [{ domain: '', version: 13 }],
    graph: { name: 'conv', node: nodes, initializer: inits, input: [valueInfo('x', inputShape)], output: [valueInfo('y', outputShape)] },
  });
  return onnx.ModelProto.encode(model).finish();
}

module.exports = { convModel };
