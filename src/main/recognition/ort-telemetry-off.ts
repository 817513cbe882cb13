/**
 * ONNX Runtime's Node binding (1.30) has its telemetry on and looks up its upload host
 * (mobile.events.data.microsoft.com) when it starts; passport images never leave this machine, and neither does
 * anything about them. The switch is read from the environment when the runtime loads, so this module is
 * imported before onnxruntime-node everywhere the engine runs (`session.ts`), and recognition processes inherit it.
 */
process.env.ORT_DISABLE_TELEMETRY = '1'
