import { ref } from 'vue'
import type { QueueSort } from './queue-order'

/** The queue's order, shared by the list and by the review screen, which opens the next document in that order. */
export const queueSort = ref<QueueSort>('newest')
