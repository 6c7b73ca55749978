"""End to end on the convkit kernel with real Jupyter clients (Debian nbclient / jupyter_client).

Checks (nbclient, jupyter_client and `jupyter console`): state across cells, an error cell that leaves the kernel and its state alive, rich
displays with static fallbacks, display updates, errors from timers, interrupting a busy
synchronous loop and a pending await, input() over the stdin channel, rejection of badly
signed messages. Prints a METRICS
line with the kernel's start time and a trivial cell's round trip (medians).
"""
import json
import os
import signal
import statistics
import sys
import time
from queue import Empty

import nbformat
from jupyter_client.manager import KernelManager, start_new_kernel
from nbclient import NotebookClient

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


def outputs_of(cell):
    return cell.get("outputs", [])


def notebook_flow():
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "convkit", "display_name": "convkit (TypeScript)", "language": "typescript"}
    cells = [
        "const x = randn([3, 8, 8], { seed: 1 });\nlet total: number = 0;\nx.shape",
        "total = x.size;\nthrow new RangeError('cell failed on purpose');",
        "total + 1",
        "heatmap(depthwiseConv2d(x, randn([3, 1, 3, 3], { seed: 2 })), { title: '<b>depthwise</b>' })",
        "const h = display(tensor([1, 2, 3]));\nh.update(tensor([4, 5, 6]));",
        "setTimeout(() => { throw new Error('late error'); }, 10);\nawait new Promise((r) => setTimeout(r, 100));\n'still alive'",
        "conv2d(x, randn([2, 4, 3, 3]))",
    ]
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    client = NotebookClient(nb, timeout=60, kernel_name="convkit", allow_errors=True)
    client.execute()
    c = nb.cells
    check(outputs_of(c[0])[-1]["data"]["text/plain"] == "[ 3, 8, 8 ]", "last expression is the result")
    err = outputs_of(c[1])[0]
    check(err["output_type"] == "error" and err["ename"] == "RangeError" and "on purpose" in err["evalue"], "error cell reports ename/evalue")
    check(any("cell line 2" in line for line in err["traceback"]), "traceback points at the cell line")
    check(outputs_of(c[2])[-1]["data"]["text/plain"] == "193", "state survives an error (total = 192 + 1)")
    data = outputs_of(c[3])[-1]["data"]
    check({"application/vnd.convkit.heatmap+json", "image/png", "text/html"} <= set(data), "heatmap has vendor type + PNG + HTML")
    check("&lt;b&gt;depthwise&lt;/b&gt;" in data["text/html"] and "<b>depthwise" not in data["text/html"], "titles are escaped in HTML")
    check(len(data["application/vnd.convkit.heatmap+json"]["panels"]) == 3, "one panel per channel")
    shown = [o for o in outputs_of(c[4]) if o["output_type"] == "display_data"]
    check(len(shown) == 1 and "4" in shown[0]["data"]["text/plain"], "update_display_data replaced the tensor in place")
    texts = "".join(o.get("text", "") for o in outputs_of(c[5]) if o["output_type"] == "stream")
    check("late error" in texts and outputs_of(c[5])[-1]["data"]["text/plain"] == "'still alive'", "a timer's error is reported and the kernel lives")
    err = outputs_of(c[6])[0]
    check(err["output_type"] == "error" and err["ename"] == "ConvkitError" and "weight.shape[1] must be input channels" in err["evalue"], "runtime errors name the argument")


def interrupts():
    km, kc = start_new_kernel(kernel_name="convkit")
    try:
        kc.execute("let n = 5;")
        kc.get_shell_msg(timeout=10)
        for code, label in [
            ("while (true) {}", "synchronous loop"),
            ("await new Promise(() => {});", "pending await"),
            # After an await the main thread is busy and SIGINT's watchdog is gone: only the
            # interrupt_request served on the control thread (interrupt_mode: message) reaches it.
            ("await Promise.resolve();\nfor (;;) {}", "loop after an await"),
            ("function fib(k: number): number { return k < 2 ? k : fib(k - 1) + fib(k - 2); }\nawait null;\nfib(60)", "deep recursion after an await"),
        ]:
            msg_id = kc.execute(code)
            time.sleep(1.0)
            km.interrupt_kernel()
            reply = kc.get_shell_msg(timeout=10)
            while reply["parent_header"].get("msg_id") != msg_id:
                reply = kc.get_shell_msg(timeout=10)
            check(reply["content"]["status"] == "error" and reply["content"]["ename"] == "KeyboardInterrupt", f"interrupt breaks a {label}")
            reply = kc.execute_interactive("n + 1", timeout=10, output_hook=lambda m: None)
            check(reply["content"]["status"] == "ok", f"kernel alive with state after interrupting a {label}")
        # An interrupt during an await stops the whole cell: nothing of it runs afterwards, not
        # even when what it awaited settles; a `catch` does not swallow it for good.
        msg_id = kc.execute("let ticks = 0;\nfor (let i = 0; i < 8; i++) { await new Promise((r) => setTimeout(r, 300)); ticks++; }")
        time.sleep(1.0)
        km.interrupt_kernel()
        check(shell_reply(kc, msg_id)["content"]["ename"] == "KeyboardInterrupt", "interrupt breaks a loop of awaits")
        time.sleep(1.5)
        seen = []
        kc.execute_interactive("ticks", timeout=10, output_hook=seen.append)
        shown = [m["content"]["data"]["text/plain"] for m in seen if m["msg_type"] == "execute_result"]
        check(shown in (["3"], ["4"]), f"the interrupted cell did not go on after its await ({shown})")
        kc.execute_interactive("function step() { let s = 0; for (let j = 0; j < 1000; j++) s += j; return s; }", timeout=10, output_hook=lambda m: None)
        msg_id = kc.execute("await null;\nfor (let i = 0; i < 1e12; i++) { try { step(); } catch (e) {} }")
        time.sleep(1.0)
        km.interrupt_kernel()
        check(shell_reply(kc, msg_id, timeout=10)["content"]["ename"] == "KeyboardInterrupt", "a catch inside the loop does not swallow the interrupt")
        # An interrupt sent while idle does not hit the cell sent right after it (the two travel
        # on different channels; the kernel orders them by the client's header dates).
        hit = 0
        for _ in range(15):
            km.interrupt_kernel()
            r = kc.execute_interactive("let z = 0; for (let i = 0; i < 3e5; i++) z += i; z", timeout=20, output_hook=lambda m: None)
            hit += r["content"]["status"] != "ok"
        check(hit == 0, f"an interrupt sent while idle leaves the next cell alone ({hit} of 15 hit)")
        # A SIGINT (what `kill -INT` or a signal-mode front end sends) still breaks a synchronous loop.
        msg_id = kc.execute("while (true) {}")
        time.sleep(1.0)
        os.kill(km.provisioner.process.pid, signal.SIGINT)
        reply = shell_reply(kc, msg_id)
        check(reply["content"]["ename"] == "KeyboardInterrupt", "SIGINT breaks a synchronous loop")
        # Interrupting a loop of threaded WebAssembly convolutions: the next one must still be right
        # (a worker's interrupted share finishes before the memory is reused).
        kc.execute_interactive("const bx = randn([1, 64, 40, 40], { seed: 1 }); const bw = randn([64, 64, 3, 3], { seed: 2 });", timeout=30, output_hook=lambda m: None)
        msg_id = kc.execute("while (true) conv2d(bx, bw, { padding: 1 });")
        time.sleep(1.0)
        km.interrupt_kernel()
        reply = kc.get_shell_msg(timeout=10)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = kc.get_shell_msg(timeout=10)
        check(reply["content"]["status"] == "error" and reply["content"]["ename"] == "KeyboardInterrupt", "interrupt breaks a loop of convolutions")
        results = []
        kc.execute_interactive(
            # First a small convolution (one thread, same memory the workers were writing), then the big one.
            "const sx = randn([1, 4, 9, 9], { seed: 3 }), sw = randn([4, 4, 3, 3], { seed: 4 });\n"
            "const smallFast = conv2d(sx, sw), fast = conv2d(bx, bw, { padding: 1 });\n"
            "setBackend('ts'); const smallSlow = conv2d(sx, sw), slow = conv2d(bx, bw, { padding: 1 }); setBackend('wasm-simd');\n"
            "[backend(), numThreads() > 1, maxAbsDiff(smallFast, smallSlow) < 1e-4 && maxAbsDiff(fast, slow) < 1e-3]",
            timeout=60, output_hook=lambda m: results.append(m))
        shown = [m["content"]["data"]["text/plain"] for m in results if m["msg_type"] == "execute_result"]
        check(shown == ["[ 'wasm-simd', true, true ]"], f"convolutions right after the interrupt ({shown})")
        # A message signed with the wrong key gets no reply; a good one right after does.
        key = kc.session.key
        kc.session.key = b"not-the-key"
        kc.kernel_info()
        try:
            kc.get_shell_msg(timeout=2)
            check(False, "badly signed message is ignored")
        except Empty:
            check(True, "badly signed message is ignored")
        kc.session.key = key
        kc.kernel_info()
        check(kc.get_shell_msg(timeout=10)["msg_type"] == "kernel_info_reply", "properly signed message answered after a bad one")
        # Round trip of a trivial cell.
        times = []
        for _ in range(60):
            t = time.perf_counter()
            kc.execute_interactive("1", timeout=10, output_hook=lambda m: None)
            times.append(time.perf_counter() - t)
        return statistics.median(times[10:])
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def edge_cells():
    """Cells whose display could hang or mislead a front end."""
    km, kc = start_new_kernel(kernel_name="convkit")
    try:
        def run(code):
            seen = []
            reply = kc.execute_interactive(code, timeout=20, output_hook=seen.append)
            return reply["content"], [m for m in seen if m["msg_type"] in ("execute_result", "display_data", "error")]
        reply, out = run("({ [Symbol.for('jupyter.mimebundle')]() { throw new Error('hook fails'); } })")
        check(reply["status"] == "error" and "hook fails" in reply["evalue"], "a failing display hook is the cell's error, with a reply")
        reply, out = run("({ [Symbol.for('jupyter.mimebundle')]() { return null; } })")
        check(reply["status"] == "error" and "must return an object" in reply["evalue"], "a display hook returning null is an error naming the hook")
        reply, out = run("display(tensor([1, 2]))")
        check([m["msg_type"] for m in out] == ["display_data"], "display(x) as the last line shows x once, not its handle")
        reply, out = run("{ a: 1, b: 2 }")
        check([m["content"]["data"]["text/plain"] for m in out] == ["{ a: 1, b: 2 }"], "a cell that is an object literal shows the object")
        reply, out = run("const frozen = 1;")
        reply, out = run("frozen = 2;")
        check(reply["status"] == "error" and "read only" in reply["evalue"], "assigning a const from an earlier cell is an error")
        # Cursor positions are Unicode code points (protocol 5.2+), not UTF-16 units: an emoji
        # before the cursor must not shift the completion.
        code = "const s = '\U0001F600'; tensor([1]).sh"
        kc.complete(code, len(code))
        comp = kc.get_shell_msg(timeout=30)["content"]
        check(comp["matches"] == ["shape"] and comp["cursor_start"] == len(code) - 2, f"completion after a call, past an emoji ({comp['matches']}, {comp['cursor_start']})")
        # Output of a long synchronous cell arrives while it runs (the IOPub channel has its own thread).
        # Measured against the cell's own end (its idle status), not the clock: output held back
        # until the end would arrive with it.
        arrivals, idle = [], []
        t0 = time.perf_counter()
        def hook(m):
            if m["msg_type"] == "stream":
                arrivals.append(time.perf_counter() - t0)
            elif m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                idle.append(time.perf_counter() - t0)
        kc.execute_interactive("for (let i = 0; i < 4; i++) { const end = Date.now() + 500; while (Date.now() < end) {} console.log('epoch', i); }",
                               timeout=20, output_hook=hook)
        check(len(arrivals) >= 3 and idle and idle[-1] - arrivals[0] > 1.0,
              f"print output streams during a busy cell (arrivals {[round(a, 2) for a in arrivals]} s, cell ended at {[round(a, 2) for a in idle]} s)")
        reply, out = run("function thrower() {\n  throw new Error('deep');\n}")
        reply, out = run("thrower()")
        check(any("at cell [" in line and "throw new Error('deep')" in line for line in reply["traceback"]), "frames in earlier cells show their source line")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def shell_reply(kc, msg_id, timeout=20):
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=timeout)
    return reply


def stdin():
    """input() over the stdin channel: prompt, password flag, the answer back in the cell; a
    front end that does not allow stdin gets an error, not a hang; an interrupted input()."""
    km, kc = start_new_kernel(kernel_name="convkit")
    try:
        results = []
        msg_id = kc.execute("const who = await input('Your name? ');\n'hello ' + who", allow_stdin=True)
        req = kc.get_stdin_msg(timeout=10)
        check(req["msg_type"] == "input_request" and req["content"]["prompt"] == "Your name? " and not req["content"]["password"], "input() sends input_request with its prompt")
        check(req["parent_header"].get("msg_id") == msg_id, "input_request's parent is the cell's execute_request")
        kc.input("convkit")
        check(shell_reply(kc, msg_id)["content"]["status"] == "ok", "the cell gets the answer and finishes")
        reply = kc.execute_interactive("who", timeout=10, output_hook=lambda m: results.append(m))
        shown = [m["content"]["data"]["text/plain"] for m in results if m["msg_type"] == "execute_result"]
        check(shown == ["'convkit'"], f"the answer is the value of input() ({shown})")
        msg_id = kc.execute("await input('secret: ', { password: true })", allow_stdin=True)
        req = kc.get_stdin_msg(timeout=10)
        check(req["content"]["password"] is True, "input(prompt, { password: true }) asks for a password")
        kc.input("s3cret")
        check(shell_reply(kc, msg_id)["content"]["status"] == "ok", "password answer received")
        msg_id = kc.execute("await input('never answered')", allow_stdin=False)
        reply = shell_reply(kc, msg_id)
        check(reply["content"]["status"] == "error" and "allow_stdin: false" in reply["content"]["evalue"], "without allow_stdin, input() is an error, not a hang")
        msg_id = kc.execute("await input('interrupt me')", allow_stdin=True)
        kc.get_stdin_msg(timeout=10)
        km.interrupt_kernel()
        reply = shell_reply(kc, msg_id)
        check(reply["content"]["status"] == "error" and reply["content"]["ename"] == "KeyboardInterrupt", "interrupt breaks a waiting input()")
        kc.input("too late")  # a stale answer (no input() waits) is dropped
        time.sleep(0.5)  # it arrives on another socket than the next cell: let it land first
        msg_id = kc.execute("const again = await input('again');", allow_stdin=True)
        kc.get_stdin_msg(timeout=10)
        kc.input("fresh")
        check(shell_reply(kc, msg_id)["content"]["status"] == "ok", "after an interrupt, a new input() works")
        results = []
        kc.execute_interactive("again", timeout=10, output_hook=lambda m: results.append(m))
        shown = [m["content"]["data"]["text/plain"] for m in results if m["msg_type"] == "execute_result"]
        check(shown == ["'fresh'"], f"the stale answer did not reach it ({shown})")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def early_cell():
    """A client that runs a cell as soon as kernel_info is answered, before its IOPub subscription
    has reached the kernel (as `jupyter console` does): the cell's outputs must still arrive."""
    for _ in range(3):
        km = KernelManager(kernel_name="convkit")
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        try:
            kc.kernel_info()
            kc.get_shell_msg(timeout=30)
            kc.execute("6 * 7")
            seen, until = [], time.time() + 10
            while time.time() < until and not any(m[0] == "status" and m[1] == "idle" and m[2] == "execute_request" for m in seen):
                try:
                    m = kc.get_iopub_msg(timeout=0.5)
                    seen.append((m["msg_type"], m["content"].get("execution_state"), m["parent_header"].get("msg_type")))
                except Empty:
                    pass
            check(("execute_result", None, "execute_request") in seen and seen[-1] == ("status", "idle", "execute_request"),
                  f"outputs of a cell run right after kernel_info reach a just-connected client ({len(seen)} messages)")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


def console_session():
    """`jupyter console` (Debian's jupyter_console), the terminal client, driven through a pipe."""
    import subprocess
    proc = subprocess.Popen([sys.executable, "-m", "jupyter_console", "--simple-prompt", "--kernel", "convkit"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        # One line at a time: the console reads the next line only once the previous one ran.
        for line in ["const a: number = 2", "a * 21", "console.log('printed', tensor([1, 2]).shape)", "undefinedName + 1"]:
            proc.stdin.write(line + "\n")
            proc.stdin.flush()
            time.sleep(1.5)
        # End of input: the console asks whether to exit and shuts the kernel down.
        proc.stdin.close()
        out = proc.stdout.read()
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    check("Out[2]: 42" in out, "jupyter console: state across lines and the result")
    check("printed [ 2 ]" in out, "jupyter console: printed output")
    check("ReferenceError" in out and "undefinedName is not defined" in out, "jupyter console: an error is shown and the session goes on")


def start_times(n=3):
    times = []
    for _ in range(n):
        t = time.perf_counter()
        km, kc = start_new_kernel(kernel_name="convkit")
        times.append(time.perf_counter() - t)
        kc.stop_channels()
        km.shutdown_kernel(now=False)
        check(not km.is_alive(), "kernel process exits on shutdown_request")
    return statistics.median(times)


if __name__ == "__main__":
    notebook_flow()
    rtt = interrupts()
    edge_cells()
    stdin()
    early_cell()
    console_session()
    start = start_times()
    print("METRICS " + json.dumps({"kernel_start_s": round(start, 3), "trivial_cell_roundtrip_ms": round(rtt * 1000, 2)}), flush=True)
    print(f"{len(failures)} failed", flush=True)
    sys.exit(1 if failures else 0)
