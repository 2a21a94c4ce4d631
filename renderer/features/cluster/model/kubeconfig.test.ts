import { describe, expect, it } from 'vitest';
import { formatKubeconfigPaths, parseKubeconfigPaths } from './kubeconfig.ts';

describe('kubeconfig paths', () => {
  it('splits like KUBECONFIG', () => {
    expect(parseKubeconfigPaths('/home/a/.kube/config:/tmp/other.yaml')).toEqual(['/home/a/.kube/config', '/tmp/other.yaml']);
    expect(parseKubeconfigPaths(' /a \n/b ; /c ')).toEqual(['/a', '/b', '/c']);
    expect(parseKubeconfigPaths('')).toEqual([]);
  });
  it('keeps Windows drive letters', () => {
    expect(parseKubeconfigPaths('C:\\Users\\a\\.kube\\config;D:\\k.yaml')).toEqual(['C:\\Users\\a\\.kube\\config', 'D:\\k.yaml']);
  });
  it('formats back', () => {
    expect(formatKubeconfigPaths(['/a', '/b'])).toBe('/a:/b');
    expect(formatKubeconfigPaths(['C:\\a', 'D:\\b'])).toBe('C:\\a;D:\\b');
  });
});
