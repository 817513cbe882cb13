// A DNS "server" on 127.0.0.1:53 that answers nothing and writes down every name asked for, one a line: inside the
// no-egress namespace /etc/resolv.conf points here, so a lookup that would have left the machine is named.
import { createSocket } from 'node:dgram'
import { appendFileSync } from 'node:fs'

const socket = createSocket('udp4')
socket.on('message', (msg) => {
  const labels = []
  for (let i = 12; i < msg.length && msg[i] !== 0; i += msg[i] + 1) labels.push(msg.subarray(i + 1, i + 1 + msg[i]).toString('latin1'))
  appendFileSync(process.argv[2], labels.join('.') + '\n')
})
socket.bind(53, '127.0.0.1')
