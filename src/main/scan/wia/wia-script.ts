/**
 * The PowerShell side of WIA (Windows Image Acquisition through the WIA.DeviceManager COM object, no native module).
 * `list` prints one JSON object per scanner; `scan ID DPI INTENT OUT` scans the flatbed into OUT as PNG and prints
 * {"file": OUT}. A failure prints {"error": "0x8021…", "message": …} (the WIA HRESULT) and exits 1.
 * Only the TypeScript side that runs this is tested here (against a stand-in helper speaking the same lines).
 */
export const WIA_SCRIPT = String.raw`
$ErrorActionPreference = 'Stop'
try {
  $dm = New-Object -ComObject WIA.DeviceManager
  if ($args[0] -eq 'list') {
    foreach ($d in $dm.DeviceInfos) {
      # Type 1 is WiaDeviceType.ScannerDeviceType (cameras and video devices are 2 and 3).
      if ($d.Type -eq 1) { [pscustomobject]@{ id = $d.DeviceID; name = $d.Properties.Item('Name').Value } | ConvertTo-Json -Compress }
    }
    exit 0
  }
  $info = $null
  foreach ($d in $dm.DeviceInfos) { if ($d.DeviceID -eq $args[1]) { $info = $d } }
  if ($null -eq $info) { [pscustomobject]@{ error = 'NOT_FOUND'; message = 'no such WIA device' } | ConvertTo-Json -Compress; exit 1 }
  $item = $info.Connect().Items.Item(1)
  # 6147/6148: WIA_IPS_XRES/YRES; 6146: WIA_IPS_CUR_INTENT (1 colour, 2 greyscale).
  $item.Properties.Item('6147').Value = [int]$args[2]
  $item.Properties.Item('6148').Value = [int]$args[2]
  $item.Properties.Item('6146').Value = [int]$args[3]
  # wiaFormatPNG
  $image = $item.Transfer('{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}')
  $image.SaveFile($args[4])
  [pscustomobject]@{ file = $args[4] } | ConvertTo-Json -Compress
} catch {
  [pscustomobject]@{ error = ('0x{0:X8}' -f $_.Exception.HResult); message = $_.Exception.Message } | ConvertTo-Json -Compress
  exit 1
}
`
