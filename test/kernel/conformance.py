"""Jupyter's own kernel conformance suite (Debian python3-jupyter-kernel-test) on the convkit kernel.

Run with JUPYTER_PATH pointing at an installed kernelspec (kernel.test.ts does this).
"""
import unittest

import jupyter_kernel_test


class ConvkitKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "convkit"
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = "console.log('hello, world')"
    code_stderr = "console.error('oops')"
    completion_samples = [
        {"text": "depthwiseC", "matches": {"depthwiseConv2d"}},
        {"text": "nn.Conv", "matches": {"Conv2d"}},
    ]
    complete_code_samples = ["1", "const x = 1;", "function f() { return 1; }", ""]
    incomplete_code_samples = ["function f() {", "const xs = [1,", "conv2d("]
    invalid_code_samples = ["const = 1;", "1 +* 2", "let let = 2;"]
    code_generate_error = "throw new Error('boom')"
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "'a' + 'b'", "result": "'ab'"},
        {"code": "tensor([1, 2, 3]).shape", "result": "[ 3 ]"},
    ]
    code_display_data = [
        {"code": "display(heatmap([[1, 2], [3, 4]]))", "mime": "image/png"},
        {"code": "display(tensor([1, 2]))", "mime": "application/vnd.convkit.tensor+json"},
        {"code": "display(summary(new nn.Conv2d(3, 4, 3), [1, 3, 8, 8]))", "mime": "text/html"},
    ]
    code_history_pattern = "6 *"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "conv2d"
    code_clear_output = "clearOutput()"


if __name__ == "__main__":
    unittest.main(verbosity=2)
