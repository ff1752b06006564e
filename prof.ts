import { readBuyerMessage, createTriage } from './src/index.ts';
import { normalizeMessage } from './src/message/normalize.ts';
const msgs = ['在吗 咨询订单号:T2026 订单金额:259.00 鞋边溢胶，大概2毫米', '快递几天没动了 怎么回事', '顯示簽收了但我沒拿到', 'where is my parcel, it has been 5 days', '买大了 能换小一码吗'];
for (let i = 0; i < 200; i++) for (const m of msgs) readBuyerMessage(m);
let t = performance.now(); const N = 2000;
for (let i = 0; i < N; i++) for (const m of msgs) readBuyerMessage(m);
console.log('readBuyerMessage µs', ((performance.now() - t) * 1000 / (N * msgs.length)).toFixed(1));
