// Figures written the way a person would: "200 MB", "1.4 MB", "1/250 s".

/** Bytes in KB/MB/GB with no ".0", counted as the server's `file_size` filter counts them
 *  (gallery/templatetags/sizes.py: binary units under the usual names). */
export function formatBytes(bytes) {
  if (bytes === null || bytes === undefined) return "";
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = value < 10 ? Number(value.toFixed(1)) : Math.round(value);
  return `${shown.toLocaleString("en")} ${units[unit]}`;
}

/** An exposure record ({exposure_time s, f_number, iso, focal_length mm}) as one line. */
export function formatExposure(exposure = {}) {
  const parts = [];
  const time = exposure.exposure_time;
  if (time) parts.push(time >= 1 ? `${time} s` : `1/${Math.round(1 / time)} s`);
  if (exposure.f_number) parts.push(`f/${exposure.f_number}`);
  if (exposure.iso) parts.push(`ISO ${exposure.iso}`);
  if (exposure.focal_length) parts.push(`${exposure.focal_length} mm`);
  return parts.join(" · ");
}
