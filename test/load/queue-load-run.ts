/** `npm run load-test:queue`: 500 images (`--images N`) through the queue; prints the figures of queue-load.ts. */
import { numberOption } from '../bench/options'
import { describeQueueLoad, loadImages, runQueueLoad } from './queue-load'

const images = await loadImages(numberOption(process.argv.slice(2), '--images', 500))
console.log(describeQueueLoad(await runQueueLoad(images)))
