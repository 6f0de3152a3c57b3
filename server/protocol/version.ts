/**
 * The live protocol's version. A client says which version it speaks when it joins a
 * run; the server refuses another one with an `unsupportedVersion` error. Bump it on
 * any change a client could notice (a field renamed, removed, or given a new meaning).
 */
export const PROTOCOL_VERSION = 1;

/** Largest incoming socket message, as JSON text, in bytes. Larger ones get `tooLarge`. */
export const MAX_INCOMING_MESSAGE_BYTES = 16 * 1024;

/**
 * Transport limit: socket.io closes a connection whose single packet is larger than this,
 * before our code sees it. It is kept well above MAX_INCOMING_MESSAGE_BYTES so that an
 * oversized message is answered with a typed error and the connection stays open.
 */
export const TRANSPORT_MAX_BUFFER_BYTES = 1024 * 1024;

/** The socket.io event names: one per direction, every message is a tagged union in it. */
export const CLIENT_EVENT = "c";
export const SERVER_EVENT = "s";

/** Frames per second each client receives, whatever the simulation speed. */
export const FRAME_HZ = 10;

/** Pacing bounds: speed is virtual milliseconds per wall millisecond. */
export const SPEED_MIN = 0.1;
export const SPEED_MAX = 100;
