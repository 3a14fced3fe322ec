// Runs on the browser's audio rendering thread: collects the microphone's samples, mixed to
// mono, and hands them to the page in blocks (4096 frames, or processorOptions.block: a page
// sends 20 ms packets) with the block's peak level. It only copies into a buffer made up front
// and posts full blocks; it never waits.
'use strict';

class VcRecorder extends AudioWorkletProcessor {
    constructor(options) {
        super();
        const block = (options && options.processorOptions && options.processorOptions.block) || 4096;
        this.block = new Float32Array(block);
        this.fill = 0;
        this.port.onmessage = (e) => {
            if (e.data === 'flush') {
                this.post();
                this.port.postMessage({ flushed: true });
            }
        };
    }

    post() {
        if (this.fill === 0) return;
        const samples = this.block.slice(0, this.fill);
        let peak = 0;
        for (let i = 0; i < samples.length; ++i) peak = Math.max(peak, Math.abs(samples[i]));
        this.port.postMessage({ samples, peak }, [samples.buffer]);
        this.fill = 0;
    }

    process(inputs) {
        const input = inputs[0];
        if (input && input.length > 0) {
            const n = input[0].length;
            for (let i = 0; i < n; ++i) {
                let s = 0;
                for (let c = 0; c < input.length; ++c) s += input[c][i];
                this.block[this.fill++] = s / input.length;
                if (this.fill === this.block.length) this.post();
            }
        }
        return true;
    }
}

registerProcessor('vc-recorder', VcRecorder);
