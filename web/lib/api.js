// The control API as the console uses it: every request carries the operator's token as a
// Bearer header; an error answer becomes an ApiError with the HTTP status and the server's
// message, so that the page can say what went wrong in a clerk's words (see explain() in
// lib/messages.js).

export class ApiError extends Error {
    /// status: the HTTP status (0 when the daemon could not be reached); message: the server's.
    constructor(status, message) {
        super(message);
        this.status = status;
    }
}

export class Api {
    constructor(token) {
        this.token = token;
    }

    /// Sends one request. `body`: an object (sent as JSON) or a Blob (sent as it is).
    /// `as`: "json" (default), "blob" or "none". Throws ApiError.
    async request(method, path, { body, as = 'json' } = {}) {
        const headers = { Authorization: 'Bearer ' + this.token };
        let payload;
        if (body instanceof Blob) {
            payload = body;
            headers['Content-Type'] = body.type || 'application/octet-stream';
        } else if (body !== undefined) {
            payload = JSON.stringify(body);
            headers['Content-Type'] = 'application/json';
        }
        let response;
        try {
            response = await fetch(path, { method, headers, body: payload, cache: 'no-store' });
        } catch (e) {
            throw new ApiError(0, String(e && e.message ? e.message : e));
        }
        if (!response.ok) {
            let message = '';
            try {
                const text = await response.text();
                try {
                    const j = JSON.parse(text);
                    message = j && typeof j.error === 'string' ? j.error : text;
                } catch (_) {
                    message = text;
                }
            } catch (_) {
                message = '';
            }
            throw new ApiError(response.status, message.trim());
        }
        if (as === 'blob') return response.blob();
        if (as === 'none' || response.status === 204) return null;
        const text = await response.text();
        if (!text) return null;
        try {
            return JSON.parse(text);
        } catch (_) {
            throw new ApiError(502, 'the answer was not JSON');
        }
    }

    get(path) { return this.request('GET', path); }
    post(path, body) { return this.request('POST', path, { body }); }
    del(path) { return this.request('DELETE', path, { as: 'none' }); }
    blob(path) { return this.request('GET', path, { as: 'blob' }); }
}

/// A query string from an object, leaving out empty values ("" for none).
export function query(params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
    const s = q.toString();
    return s ? '?' + s : '';
}

/// A clip id in a URL path: each part encoded, the '/' between them kept.
export function clipPath(id) {
    return id.split('/').map(encodeURIComponent).join('/');
}
