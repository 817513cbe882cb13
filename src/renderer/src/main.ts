import { createApp } from 'vue'
import App from './App.vue'
import './styles/base.css'
import './features/queue/queue.css'
import './features/review/review.css'
import './features/audit/audit.css'

createApp(App).mount('#app')
