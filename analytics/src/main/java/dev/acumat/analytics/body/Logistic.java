package dev.acumat.analytics.body;

import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;

/**
 * Weighted logistic regressions with an L2 penalty, fitted by Commons Math's non-linear
 * conjugate gradient (Polak-Ribiere). Both losses are convex, so the start does not matter.
 */
final class Logistic {
    private Logistic() {
    }

    static double[] mean(double[][] x, double[] w) {
        double[] m = new double[x[0].length];
        double sw = 0;
        for (int i = 0; i < x.length; i++) {
            sw += w[i];
            for (int j = 0; j < m.length; j++) {
                m[j] += w[i] * x[i][j];
            }
        }
        for (int j = 0; j < m.length; j++) {
            m[j] /= sw;
        }
        return m;
    }

    /** Weighted root mean square about {@code centre}, never below 1e-6. */
    static double[] scale(double[][] x, double[] w, double[] centre) {
        double[] s = new double[centre.length];
        double sw = 0;
        for (int i = 0; i < x.length; i++) {
            sw += w[i];
            for (int j = 0; j < s.length; j++) {
                double d = x[i][j] - centre[j];
                s[j] += w[i] * d * d;
            }
        }
        for (int j = 0; j < s.length; j++) {
            s[j] = Math.max(1e-6, Math.sqrt(s[j] / sw));
        }
        return s;
    }

    static double[][] standardise(double[][] x, double[] centre, double[] scale) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new double[centre.length];
            for (int j = 0; j < centre.length; j++) {
                out[i][j] = (x[i][j] - centre[j]) / scale[j];
            }
        }
        return out;
    }

    /** Multinomial: weights[k][d + 1], the bias last (not penalised). */
    static double[][] softmax(double[][] x, int[] y, double[] w, int k, double l2) {
        int d = x[0].length;
        double sw = sum(w);
        double[] theta = minimise(k * (d + 1), t -> {
            double[] grad = new double[t.length];
            double loss = 0;
            double[] z = new double[k];
            for (int i = 0; i < x.length; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    int o = c * (d + 1);
                    double s = t[o + d];
                    for (int j = 0; j < d; j++) {
                        s += t[o + j] * x[i][j];
                    }
                    z[c] = s;
                    max = Math.max(max, s);
                }
                double norm = 0;
                for (int c = 0; c < k; c++) {
                    norm += Math.exp(z[c] - max);
                }
                double logNorm = max + Math.log(norm);
                loss -= w[i] * (z[y[i]] - logNorm);
                for (int c = 0; c < k; c++) {
                    double g = w[i] * (Math.exp(z[c] - logNorm) - (c == y[i] ? 1 : 0));
                    int o = c * (d + 1);
                    for (int j = 0; j < d; j++) {
                        grad[o + j] += g * x[i][j];
                    }
                    grad[o + d] += g;
                }
            }
            loss /= sw;
            for (int p = 0; p < t.length; p++) {
                grad[p] /= sw;
                if (p % (d + 1) != d) {
                    loss += 0.5 * l2 * t[p] * t[p];
                    grad[p] += l2 * t[p];
                }
            }
            return new double[][] {{loss}, grad};
        });
        double[][] out = new double[k][d + 1];
        for (int c = 0; c < k; c++) {
            System.arraycopy(theta, c * (d + 1), out[c], 0, d + 1);
        }
        return out;
    }

    /** Binary, P(y = 1) = sigmoid(beta . x), no intercept: odd in x, so mirrored inputs give mirrored answers. */
    static double[] binaryNoIntercept(double[][] x, int[] y, double[] w, double l2) {
        int d = x[0].length;
        double sw = sum(w);
        return minimise(d, t -> {
            double[] grad = new double[d];
            double loss = 0;
            for (int i = 0; i < x.length; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += t[j] * x[i][j];
                }
                double sign = y[i] == 1 ? 1 : -1;
                // -log sigmoid(sign * s), computed stably
                double m = -sign * s;
                loss += w[i] * (m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m)));
                double g = w[i] * (1 / (1 + Math.exp(-s)) - y[i]);
                for (int j = 0; j < d; j++) {
                    grad[j] += g * x[i][j];
                }
            }
            loss /= sw;
            for (int j = 0; j < d; j++) {
                grad[j] = grad[j] / sw + l2 * t[j];
                loss += 0.5 * l2 * t[j] * t[j];
            }
            return new double[][] {{loss}, grad};
        });
    }

    private interface LossAndGradient {
        double[][] at(double[] theta);
    }

    private static double[] minimise(int size, LossAndGradient f) {
        NonLinearConjugateGradientOptimizer opt = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(1e-10, 1e-12));
        PointValuePair best = opt.optimize(new MaxEval(200_000), new MaxIter(5_000),
                new ObjectiveFunction(t -> f.at(t)[0][0]),
                new ObjectiveFunctionGradient(t -> f.at(t)[1]),
                GoalType.MINIMIZE, new InitialGuess(new double[size]));
        return best.getPoint();
    }

    private static double sum(double[] w) {
        double s = 0;
        for (double v : w) {
            s += v;
        }
        return s;
    }
}
