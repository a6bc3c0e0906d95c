package dev.dispatch.gateway.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The commands both APIs send: iot-ingest's {@code COMMAND_TYPE_*} without the prefix. */
@Schema(description = "What the device is told to do. PING: answer with its status. SET_REPORT_INTERVAL: report every "
        + "`seconds` (argument, 1 to 3600). LOCK_CARGO, UNLOCK_CARGO: the cargo box's lock.")
public enum CommandType {
    PING, SET_REPORT_INTERVAL, LOCK_CARGO, UNLOCK_CARGO
}
