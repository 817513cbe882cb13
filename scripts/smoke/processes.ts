/** One OS process as listed by `ps` or Windows' Win32_Process. */
export interface ProcessRow {
  pid: number
  ppid: number
  /** Resident memory in bytes. */
  rss: number
  command: string
}

export type ProcessRole = 'main' | 'renderer' | 'recognition' | 'other'

/** The app's process tree by role with resident memory, from a process listing and the main process's id. */
export function appProcesses(rows: ProcessRow[], mainPid: number): Record<ProcessRole, { pids: number[]; rssBytes: number }> {
  const groups: Record<ProcessRole, { pids: number[]; rssBytes: number }> = {
    main: { pids: [], rssBytes: 0 },
    renderer: { pids: [], rssBytes: 0 },
    recognition: { pids: [], rssBytes: 0 },
    other: { pids: [], rssBytes: 0 }
  }
  const inTree = new Set([mainPid])
  // Parents are listed before children almost always, but not always: repeat until nothing is added.
  for (let grown = true; grown; ) {
    grown = false
    for (const r of rows)
      if (!inTree.has(r.pid) && inTree.has(r.ppid)) {
        inTree.add(r.pid)
        grown = true
      }
  }
  for (const r of rows) {
    if (!inTree.has(r.pid)) continue
    const role: ProcessRole =
      r.pid === mainPid
        ? 'main'
        : /--type=renderer\b/.test(r.command)
          ? 'renderer'
          : // Electron's utilityProcess is a utility process running its Node service.
            /--type=utility\b/.test(r.command) && /--utility-sub-type=node\.mojom\.NodeService\b/.test(r.command)
            ? 'recognition'
            : 'other'
    groups[role].pids.push(r.pid)
    groups[role].rssBytes += r.rss
  }
  return groups
}

/** Parse `ps -A -o pid=,ppid=,rss=,args=` (rss in KiB). */
export function parsePs(text: string): ProcessRow[] {
  return text
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), rss: Number(m[3]) * 1024, command: m[4] }))
}

/** Parse PowerShell's `Get-CimInstance Win32_Process | Select ProcessId,ParentProcessId,WorkingSetSize,CommandLine | ConvertTo-Json`. */
export function parseWin32Processes(json: string): ProcessRow[] {
  const list = JSON.parse(json) as { ProcessId: number; ParentProcessId: number; WorkingSetSize: number; CommandLine: string | null }[]
  return list.map((p) => ({ pid: p.ProcessId, ppid: p.ParentProcessId, rss: Number(p.WorkingSetSize), command: p.CommandLine ?? '' }))
}
