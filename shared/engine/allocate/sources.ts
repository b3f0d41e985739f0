// Source codes used while allocating (index into SOURCES of the public types).
export const SRC_ON_HAND = 0, SRC_INBOUND = 1, SRC_TRANSFER = 2, SRC_SUBSTITUTE = 3, SRC_DROP_SHIP = 4;
