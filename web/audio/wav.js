// Encoding recorded samples as a WAV file (RIFF, PCM 16-bit little-endian, mono) in the browser.

/// chunks: Float32Arrays of mono samples in -1..1, in order; rate: samples per second.
/// Returns a Blob of type audio/wav. Samples beyond full scale are clipped, not wrapped.
export function encodeWav(chunks, rate) {
    let frames = 0;
    for (const c of chunks) frames += c.length;
    const dataBytes = frames * 2;
    const buffer = new ArrayBuffer(44 + dataBytes);
    const view = new DataView(buffer);
    const ascii = (offset, text) => {
        for (let i = 0; i < text.length; ++i) view.setUint8(offset + i, text.charCodeAt(i));
    };
    ascii(0, 'RIFF');
    view.setUint32(4, 36 + dataBytes, true);
    ascii(8, 'WAVE');
    ascii(12, 'fmt ');
    view.setUint32(16, 16, true);        // fmt chunk size
    view.setUint16(20, 1, true);         // PCM
    view.setUint16(22, 1, true);         // mono
    view.setUint32(24, rate, true);
    view.setUint32(28, rate * 2, true);  // bytes per second
    view.setUint16(32, 2, true);         // bytes per frame
    view.setUint16(34, 16, true);        // bits per sample
    ascii(36, 'data');
    view.setUint32(40, dataBytes, true);
    let offset = 44;
    for (const c of chunks) {
        for (let i = 0; i < c.length; ++i) {
            const s = Math.max(-1, Math.min(1, c[i]));
            view.setInt16(offset, s < 0 ? Math.round(s * 32768) : Math.round(s * 32767), true);
            offset += 2;
        }
    }
    return new Blob([buffer], { type: 'audio/wav' });
}
