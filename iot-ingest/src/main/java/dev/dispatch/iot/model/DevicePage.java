package dev.dispatch.iot.model;

import java.util.List;

/** One page of ListDevices; nextPageToken is empty on the last page. */
public record DevicePage(List<Device> devices, String nextPageToken) {
}
