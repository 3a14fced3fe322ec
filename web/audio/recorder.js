// Recording a notice from the office PC's microphone: getUserMedia, an AudioWorklet (or a
// ScriptProcessor where worklets are missing) collecting mono samples, a 16-bit WAV at the end.

import { encodeWav } from './wav.js';

export class Recorder {
    /// onLevel(peak 0..1, seconds so far) is called for every block of samples. Options:
    /// `rate` (the AudioContext's sample rate; default the device's), `block` (frames per block,
    /// default 4096), `onSamples(samples)` (each block as it comes; with it nothing is kept).
    constructor(onLevel, { rate = 0, block = 4096, onSamples = null } = {}) {
        this.onLevel = onLevel || (() => {});
        this.options = { rate, block, onSamples };
        this.chunks = [];
        this.frames = 0;
        this.context = null;
        this.stream = null;
        this.node = null;
        this.source = null;
        this.sink = null;
    }

    /// Asks for the microphone and starts collecting. Throws a DOMException when the browser
    /// or the person refuses (NotAllowedError) or there is no microphone (NotFoundError).
    async start() {
        if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
            const e = new Error('no getUserMedia');
            e.name = 'InsecureContext';
            throw e;
        }
        this.stream = await navigator.mediaDevices.getUserMedia({
            audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
        });
        this.context = this.options.rate ? new AudioContext({ sampleRate: this.options.rate }) : new AudioContext();
        if (this.context.state === 'suspended') await this.context.resume();
        this.rate = this.context.sampleRate;
        this.source = this.context.createMediaStreamSource(this.stream);
        // A silent sink keeps the graph pulling samples without sending them to the speakers.
        this.sink = this.context.createGain();
        this.sink.gain.value = 0;
        this.sink.connect(this.context.destination);
        const take = (samples, peak) => {
            if (this.options.onSamples) this.options.onSamples(samples);
            else this.chunks.push(samples);
            this.frames += samples.length;
            this.onLevel(peak, this.frames / this.rate);
        };
        if (this.context.audioWorklet) {
            await this.context.audioWorklet.addModule(new URL('recorder-worklet.js', import.meta.url));
            this.node = new AudioWorkletNode(this.context, 'vc-recorder', {
                numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1],
                processorOptions: { block: this.options.block },
            });
            this.node.port.onmessage = (e) => {
                if (e.data && e.data.samples) take(e.data.samples, e.data.peak);
                if (e.data && e.data.flushed && this.flushed) this.flushed();
            };
        } else {
            this.node = this.context.createScriptProcessor(this.options.block >= 4096 ? 4096 : 1024, 1, 1);
            this.node.onaudioprocess = (e) => {
                const samples = new Float32Array(e.inputBuffer.getChannelData(0));
                let peak = 0;
                for (let i = 0; i < samples.length; ++i) peak = Math.max(peak, Math.abs(samples[i]));
                take(samples, peak);
            };
        }
        this.source.connect(this.node);
        this.node.connect(this.sink);
    }

    /// Stops and returns {blob: the WAV, seconds}.
    async stop() {
        if (this.node && this.node.port && this.context.audioWorklet) {
            await new Promise((resolve) => {
                this.flushed = resolve;
                this.node.port.postMessage('flush');
                setTimeout(resolve, 500);  // a closed context never answers: do not hang
            });
        }
        this.release();
        return { blob: encodeWav(this.chunks, this.rate), seconds: this.frames / this.rate };
    }

    /// Stops without keeping anything: the microphone is released.
    release() {
        if (this.source) this.source.disconnect();
        if (this.node) this.node.disconnect();
        if (this.stream) for (const track of this.stream.getTracks()) track.stop();
        if (this.context) this.context.close();
        this.source = this.node = this.stream = this.context = null;
    }
}
