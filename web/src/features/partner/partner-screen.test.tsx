import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { gatewayError, renderWithGateway } from '../../testing/fake-gateway.js';
import { PartnerScreen } from './partner-screen.js';

afterEach(cleanup);

describe('PartnerScreen', () => {
  it('should name each bad field, then post the donation once it is fixed', async () => {
    const { calls } = await renderWithGateway(<PartnerScreen />, {
      handlers: {
        'donations.list': () => ({ items: [] }),
        'dispatch.partnerMap': () => ({ date: '2026-11-26', pickups: [], routes: [] }),
        'donations.post': (input) => ({ ...(input as object), id: 'd1' }),
      },
    });
    await screen.findByText('아직 등록한 기부가 없습니다.');
    fireEvent.click(screen.getByRole('button', { name: '기부 등록' }));
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('품목 1 수량');
    expect(summary.textContent).toContain('픽업 장소 이름');
    expect(summary.textContent).toContain('픽업 읍면동');
    expect(screen.getByText('품목 1 수량: 입력해 주세요.')).toBeTruthy();
    expect(calls.some((c) => c.path === 'donations.post')).toBe(false);

    fireEvent.change(screen.getByLabelText('수량'), { target: { value: '40' } });
    fireEvent.change(screen.getByLabelText('픽업 장소 이름'), {
      target: { value: '로타리클럽 회관' },
    });
    fireEvent.change(screen.getByLabelText('픽업 주소'), { target: { value: '익산시 중앙로 1' } });
    const district = screen.getByLabelText('픽업 읍면동');
    const firstDistrict = district.querySelectorAll('option')[1]?.getAttribute('value') ?? '';
    fireEvent.change(district, { target: { value: firstDistrict } });
    fireEvent.click(screen.getByRole('button', { name: '기부 등록' }));
    await screen.findByText(/기부를 등록했습니다/);
    const posted = calls.find((c) => c.path === 'donations.post')?.input;
    expect(posted).toMatchObject({
      items: [{ category: 'instant_food', quantity: 40, unit: 'box', storageClass: 'ambient' }],
      pickup: { placeName: '로타리클럽 회관', address: '익산시 중앙로 1' },
    });
  });

  it("should show the gateway's field errors by the field's name", async () => {
    await renderWithGateway(<PartnerScreen />, {
      language: 'en',
      handlers: {
        'donations.list': () => ({ items: [] }),
        'donations.post': () => {
          throw Object.assign(gatewayError('BAD_REQUEST'), {
            data: {
              code: 'BAD_REQUEST',
              fieldErrors: [{ path: 'items.0.expiresOn', message: 'bad' }],
            },
          });
        },
      },
    });
    await screen.findByText('The chart appears once you post a donation.');
    fireEvent.change(screen.getByLabelText('Quantity'), { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('Pickup place'), { target: { value: 'Hall' } });
    fireEvent.change(screen.getByLabelText('Pickup address'), { target: { value: '1 Main St' } });
    const district = screen.getByLabelText('Pickup district');
    fireEvent.change(district, {
      target: { value: district.querySelectorAll('option')[1]?.getAttribute('value') ?? '' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Post donation' }));
    await waitFor(() =>
      expect(
        screen.getByText('Item 1 Expiry date: the server did not accept this value.'),
      ).toBeTruthy(),
    );
  });
});
