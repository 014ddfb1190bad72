-- One Hodgkin-Huxley neuron, Euler dt=0.01 ms for 1000 ms (100k steps), the
-- same loop as hh_python.py and hh.soma at top level (globals, as written there).
local t0 = os.clock()
function an(v) return 0.01*(v+55)/(1-math.exp(-(v+55)/10)) end
function bn(v) return 0.125*math.exp(-(v+65)/80) end
function am(v) return 0.1*(v+40)/(1-math.exp(-(v+40)/10)) end
function bm(v) return 4*math.exp(-(v+65)/18) end
function ah(v) return 0.07*math.exp(-(v+65)/20) end
function bh(v) return 1/(1+math.exp(-(v+35)/10)) end
gNa, gK, gL, ENa, EK, EL, C = 120., 36., 0.3, 50., -77., -54.387, 1.
v, m, h, n = -65., 0.05, 0.6, 0.32
dt, steps, I = 0.01, 100000, 10.0
spikes = 0; above = false
for i = 0, steps - 1 do
  INa = gNa*m^3*h*(v-ENa); IK = gK*n^4*(v-EK); IL = gL*(v-EL)
  v = v + dt*(I-INa-IK-IL)/C
  m = m + dt*(am(v)*(1-m)-bm(v)*m); h = h + dt*(ah(v)*(1-h)-bh(v)*h); n = n + dt*(an(v)*(1-n)-bn(v)*n)
  if v > 0 and not above then spikes = spikes + 1 end
  above = v > 0
end
print(string.format("hh_1s_s %.3f spikes %d", os.clock()-t0, spikes))
